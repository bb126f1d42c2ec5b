export { RunsModule } from './runs.module';
export { RunsService } from './services/runs.service';
export { RunsError, RunsErrorCode } from './errors/runs.error';
export { RunResponseDto, RunDetailDto, RunCallDto, ConversationDto, RunTokensDto } from './dto/run.dto';
