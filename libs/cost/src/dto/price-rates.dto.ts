import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsNumber, IsOptional, Min } from 'class-validator';

/* One property per token type of TokenRates (libs/cost/src/pricing/catalogue.types.ts), named `<type>Per1M`. */

/** Rates of a price version or of one of its tiers, as listed (null: no separate rate). */
export class PriceRatesDto {
  @ApiProperty({
    type: Number,
    nullable: true,
    example: 3,
    description:
      'USD per 1M input tokens that no priced partition claims (input − cache reads − cache writes − audio − image, each only when that type has its own rate).',
  })
  inputPer1M!: number | null;
  @ApiProperty({ type: Number, nullable: true, example: 15, description: 'USD per 1M output tokens not claimed by reasoningPer1M / audioOutputPer1M.' })
  outputPer1M!: number | null;
  @ApiProperty({ type: Number, nullable: true, example: 0.3, description: 'USD per 1M cache-read input tokens; null: billed as input.' }) cacheReadPer1M!:
    number | null;
  @ApiProperty({
    type: Number,
    nullable: true,
    example: 3.75,
    description: 'USD per 1M cache-write tokens (5-minute entries, and every write without its own 1h rate); null: billed as input.',
  })
  cacheWrite5mPer1M!: number | null;
  @ApiProperty({ type: Number, nullable: true, example: 6, description: 'USD per 1M 1-hour cache-write tokens; null: billed at cacheWrite5mPer1M.' })
  cacheWrite1hPer1M!: number | null;
  @ApiProperty({ type: Number, nullable: true, description: 'USD per 1M audio input tokens; null: billed as input.' }) audioInputPer1M!: number | null;
  @ApiProperty({ type: Number, nullable: true, description: 'USD per 1M audio output tokens; null: billed as output.' }) audioOutputPer1M!: number | null;
  @ApiProperty({ type: Number, nullable: true, description: 'USD per 1M cache reads of audio tokens; null: billed at cacheReadPer1M.' }) cacheReadAudioPer1M!:
    number | null;
  @ApiProperty({ type: Number, nullable: true, description: 'USD per 1M image input tokens; null: billed as input.' }) imageInputPer1M!: number | null;
  @ApiProperty({ type: Number, nullable: true, description: 'USD per 1M cache reads of image tokens; null: billed at cacheReadPer1M.' }) cacheReadImagePer1M!:
    number | null;
  @ApiProperty({
    type: Number,
    nullable: true,
    description: 'USD per 1M reasoning output tokens; null: billed as output (what OpenAI, Anthropic and Google do).',
  })
  reasoningPer1M!: number | null;
}

const RATE = { allowNaN: false, allowInfinity: false } as const;

/** Rates as a PUT body sends them: input and output required, the other types optional (absent or null: no separate rate). */
export class PriceRatesBodyDto {
  @ApiProperty({
    minimum: 0,
    example: 3,
    description:
      'USD per 1M input tokens that no priced partition claims (input − cache reads − cache writes − audio − image, each only when that type has its own rate).',
  })
  @IsNumber(RATE)
  @Min(0)
  inputPer1M!: number;

  @ApiProperty({ minimum: 0, example: 15, description: 'USD per 1M output tokens not claimed by reasoningPer1M / audioOutputPer1M.' })
  @IsNumber(RATE)
  @Min(0)
  outputPer1M!: number;

  @ApiPropertyOptional({ type: Number, nullable: true, minimum: 0, example: 0.3, description: 'USD per 1M cache-read input tokens; null: billed as input.' })
  @IsOptional()
  @IsNumber(RATE)
  @Min(0)
  cacheReadPer1M?: number | null;

  @ApiPropertyOptional({
    type: Number,
    nullable: true,
    minimum: 0,
    example: 3.75,
    description: 'USD per 1M cache-write tokens (5-minute entries, and every write without its own 1h rate); null: billed as input.',
  })
  @IsOptional()
  @IsNumber(RATE)
  @Min(0)
  cacheWrite5mPer1M?: number | null;

  @ApiPropertyOptional({
    type: Number,
    nullable: true,
    minimum: 0,
    example: 6,
    description: 'USD per 1M 1-hour cache-write tokens; null: billed at cacheWrite5mPer1M.',
  })
  @IsOptional()
  @IsNumber(RATE)
  @Min(0)
  cacheWrite1hPer1M?: number | null;

  @ApiPropertyOptional({ type: Number, nullable: true, minimum: 0, description: 'USD per 1M audio input tokens; null: billed as input.' })
  @IsOptional()
  @IsNumber(RATE)
  @Min(0)
  audioInputPer1M?: number | null;

  @ApiPropertyOptional({ type: Number, nullable: true, minimum: 0, description: 'USD per 1M audio output tokens; null: billed as output.' })
  @IsOptional()
  @IsNumber(RATE)
  @Min(0)
  audioOutputPer1M?: number | null;

  @ApiPropertyOptional({ type: Number, nullable: true, minimum: 0, description: 'USD per 1M cache reads of audio tokens; null: billed at cacheReadPer1M.' })
  @IsOptional()
  @IsNumber(RATE)
  @Min(0)
  cacheReadAudioPer1M?: number | null;

  @ApiPropertyOptional({ type: Number, nullable: true, minimum: 0, description: 'USD per 1M image input tokens; null: billed as input.' })
  @IsOptional()
  @IsNumber(RATE)
  @Min(0)
  imageInputPer1M?: number | null;

  @ApiPropertyOptional({ type: Number, nullable: true, minimum: 0, description: 'USD per 1M cache reads of image tokens; null: billed at cacheReadPer1M.' })
  @IsOptional()
  @IsNumber(RATE)
  @Min(0)
  cacheReadImagePer1M?: number | null;

  @ApiPropertyOptional({
    type: Number,
    nullable: true,
    minimum: 0,
    description: 'USD per 1M reasoning output tokens; null: billed as output (what OpenAI, Anthropic and Google do).',
  })
  @IsOptional()
  @IsNumber(RATE)
  @Min(0)
  reasoningPer1M?: number | null;
}
