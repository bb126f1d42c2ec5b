import { Module } from '@nestjs/common';
import { AgentsModule } from '@fleetwatch/agents';
import { AlertsController } from './controllers/alerts.controller';
import { ChannelsController } from './controllers/channels.controller';
import { RulesController } from './controllers/rules.controller';
import { SilencesController } from './controllers/silences.controller';
import { AlertEvaluator } from './evaluation/alert-evaluator.service';
import { TransitionWriter } from './evaluation/transition-writer';
import { AlertsJobs } from './jobs/alerts.jobs';
import { AlertsMetrics } from './metrics/alerts.metrics';
import { ChannelSender } from './notify/channel-sender';
import { DeliveryService } from './notify/delivery.service';
import { AlertActionsService } from './services/alert-actions.service';
import { AlertsQueryService } from './services/alerts-query.service';
import { ChannelsService } from './services/channels.service';
import { RulesService } from './services/rules.service';
import { SilencesService } from './services/silences.service';

@Module({
  imports: [AgentsModule],
  // Specific prefixes first, so `alerts/:id/...` never shadows `alerts/rules` and friends.
  controllers: [RulesController, ChannelsController, SilencesController, AlertsController],
  providers: [
    RulesService,
    ChannelsService,
    SilencesService,
    AlertActionsService,
    AlertsQueryService,
    TransitionWriter,
    AlertEvaluator,
    ChannelSender,
    DeliveryService,
    AlertsJobs,
    AlertsMetrics,
  ],
  exports: [AlertsQueryService, AlertEvaluator, DeliveryService],
})
export class AlertsModule {}
