import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class OtlpTracePartialSuccessDto {
  @ApiProperty({ description: 'Spans refused (int64 as a decimal string in JSON); "0" when the answer only warns of unrecognised spans.', example: '2' })
  rejectedSpans!: string;

  @ApiProperty({
    description:
      'Why, per reason with counts, then the warning about spans no convention recognised (stored nowhere, listed by GET /api/otlp/recent-unmapped).',
    example:
      '2 spans: agent 0190... is unknown or not yours; 3 spans were not recognised: GET /orders, db.query (see GET /api/otlp/recent-unmapped and docs/otlp.md)',
  })
  errorMessage!: string;
}

/** ExportTraceServiceResponse; `{}` (protobuf: an empty message) when every span was accepted and recognised. */
export class OtlpTraceResponseDto {
  @ApiPropertyOptional({ type: OtlpTracePartialSuccessDto })
  partialSuccess?: OtlpTracePartialSuccessDto;
}

export class OtlpMetricsPartialSuccessDto {
  @ApiProperty({ description: 'Data points refused (int64 as a decimal string in JSON).', example: '1' })
  rejectedDataPoints!: string;

  @ApiProperty({ description: 'Why, per reason with counts.', example: '1 data point: no agent: set the resource attribute fleetwatch.agent.id ...' })
  errorMessage!: string;
}

/** ExportMetricsServiceResponse; `{}` (protobuf: an empty message) when every point was accepted. */
export class OtlpMetricsResponseDto {
  @ApiPropertyOptional({ type: OtlpMetricsPartialSuccessDto })
  partialSuccess?: OtlpMetricsPartialSuccessDto;
}
