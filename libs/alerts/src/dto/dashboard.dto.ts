import { ApiProperty } from '@nestjs/swagger';

export class StatusCountsDto {
  @ApiProperty() pending!: number;
  @ApiProperty() firing!: number;
  @ApiProperty() acknowledged!: number;
  @ApiProperty({ description: 'Resolved within the last 7 days.' }) resolved!: number;
}

export class SeverityCountsDto {
  @ApiProperty() info!: number;
  @ApiProperty() warning!: number;
  @ApiProperty() critical!: number;
}

export class NoisyRuleDto {
  @ApiProperty({ format: 'uuid' }) ruleId!: string;
  @ApiProperty() ruleName!: string;
  @ApiProperty({ description: 'Alerts of this rule that fired in the last 7 days.' }) fired!: number;
}

export class AlertsDashboardDto {
  @ApiProperty({ type: StatusCountsDto }) byStatus!: StatusCountsDto;
  @ApiProperty({ type: SeverityCountsDto, description: 'Open alerts (pending, firing, acknowledged) by severity.' }) bySeverity!: SeverityCountsDto;
  @ApiProperty({ type: [NoisyRuleDto] }) noisiestRules!: NoisyRuleDto[];
  @ApiProperty({ type: Number, nullable: true, description: 'Mean of acknowledgedAt − firedAt over alerts acknowledged in the last 7 days, in seconds.' })
  meanTimeToAcknowledgeSeconds!: number | null;
  @ApiProperty({ type: Number, nullable: true, description: 'Mean of resolvedAt − firedAt over fired alerts resolved in the last 7 days, in seconds.' })
  meanTimeToResolveSeconds!: number | null;
  @ApiProperty({ format: 'date-time' }) since!: string;
}
