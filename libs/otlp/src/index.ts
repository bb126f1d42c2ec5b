export { OtlpModule } from './otlp.module';
export { OtlpExportService } from './services/otlp-export.service';
export type { OtlpExportResult, OtlpPayload, OtlpFormat } from './services/otlp-export.service';
export { mapGenAiSpans } from './mapping/genai-span.mapper';
export { mapMetrics, sanitizeSampleType } from './mapping/genai-metric.mapper';
export { decodeStatus, encodeStatus } from './codec/otlp-status.codec';
export { OtlpErrorCode } from './errors/otlp.error';
export { encodeProtobufRequest, decodeProtobufResponse } from './codec/otlp-proto.codec';
export { UNMAPPED_PRUNE_JOB } from './jobs/otlp.jobs';
