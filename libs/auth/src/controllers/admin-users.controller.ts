import { Body, Controller, Get, Param, Patch, Query, Res } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Authenticated, NEXT_CURSOR_HEADER, PageQueryDto, uuidParam } from '@fleetwatch/common';
import { UpdateUserDto } from '../dto/update-user.dto';
import { UserResponseDto } from '../dto/user-response.dto';
import { UsersService } from '../services/users.service';

@ApiTags('admin')
@Controller('admin/users')
@Authenticated({ admin: true, userSession: true })
export class AdminUsersController {
  constructor(private readonly users: UsersService) {}

  @Get()
  @ApiOperation({ summary: 'Every user, oldest first', description: 'Paged with limit and cursor; X-Next-Cursor carries the next page.' })
  @ApiOkResponse({ type: UserResponseDto, isArray: true })
  async list(@Query() query: PageQueryDto, @Res({ passthrough: true }) reply: FastifyReply): Promise<UserResponseDto[]> {
    const page = await this.users.list(query.limit ?? 50, query.cursor);
    if (page.nextCursor) void reply.header(NEXT_CURSOR_HEADER, page.nextCursor);
    return page.items;
  }

  @Patch(':id')
  @ApiOperation({ summary: "Set a user's role and plan" })
  @ApiOkResponse({ type: UserResponseDto })
  @ApiNotFoundResponse()
  update(@Param('id', uuidParam('id')) id: string, @Body() dto: UpdateUserDto): Promise<UserResponseDto> {
    return this.users.update(id, dto);
  }
}
