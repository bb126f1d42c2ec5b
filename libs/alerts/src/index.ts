export { AlertsModule } from './alerts.module';
export { AlertsQueryService } from './services/alerts-query.service';
export { AlertEvaluator } from './evaluation/alert-evaluator.service';
export type { TickReport } from './evaluation/alert-evaluator.service';
export { DeliveryService } from './notify/delivery.service';
export type { DeliveryRunReport } from './notify/delivery.service';
export { AlertResponseDto } from './dto/alert.dto';
export { EVALUATE_JOB, DELIVER_JOB, ALERT_STATUSES, SEVERITIES } from './alerts.constants';
export type { AlertStatus, Severity } from './alerts.constants';
