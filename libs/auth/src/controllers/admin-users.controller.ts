import { Body, Controller, Get, Param, Patch, Query } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Authenticated, PageQueryDto, uuidParam, Page, Paged } from '@fleetwatch/common';
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
  @Paged()
  list(@Query() query: PageQueryDto): Promise<Page<UserResponseDto>> {
    return this.users.list(query.limit ?? 50, query.cursor);
  }

  @Patch(':id')
  @ApiOperation({ summary: "Set a user's role and plan" })
  @ApiOkResponse({ type: UserResponseDto })
  @ApiNotFoundResponse()
  update(@Param('id', uuidParam('id')) id: string, @Body() dto: UpdateUserDto): Promise<UserResponseDto> {
    return this.users.update(id, dto);
  }
}
