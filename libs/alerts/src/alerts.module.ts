import { MikroOrmModule } from '@mikro-orm/nestjs';
import { Module } from '@nestjs/common';
import { AgentsModule } from '@fleetwatch/agents';
import { AlertsController } from './controllers/alerts.controller';
import { ChannelsController } from './controllers/channels.controller';
import { RulesController } from './controllers/rules.controller';
import { SilencesController } from './controllers/silences.controller';
import { AlertChannel } from './entities/alert-channel.entity';
import { AlertDelivery } from './entities/alert-delivery.entity';
import { AlertHistory } from './entities/alert-history.entity';
import { AlertRule } from './entities/alert-rule.entity';
import { AlertSilence } from './entities/alert-silence.entity';
import { Alert } from './entities/alert.entity';
import { EvaluatorSlot } from './entities/evaluator-slot.entity';
import { AlertEvaluator } from './evaluation/alert-evaluator.service';
import { TransitionWriter } from './evaluation/transition-writer.service';
import { AlertsJobs } from './jobs/alerts.job';
import { AlertsMetrics } from './metrics/alerts.metrics';
import { ChannelSender } from './notify/channel-sender.service';
import { DeliveryService } from './notify/delivery.service';
import { AlertActionsService } from './services/alert-actions.service';
import { AlertsQueryService } from './services/alerts-query.service';
import { ChannelsService } from './services/channels.service';
import { RulesService } from './services/rules.service';
import { SilencesService } from './services/silences.service';

@Module({
  imports: [AgentsModule, MikroOrmModule.forFeature([AlertRule, Alert, AlertHistory, AlertChannel, AlertSilence, AlertDelivery, EvaluatorSlot])],
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
