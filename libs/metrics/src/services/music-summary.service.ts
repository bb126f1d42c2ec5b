import { Injectable } from '@nestjs/common';
import { ActivityLogService } from '@fleetwatch/agents';
import { Clock, Principal } from '@fleetwatch/common';
import { AccountAccessService } from './account-access.service';
import { calendarStarts } from '../windows/calendar';
import { MusicSummaryDto } from '../dto/user-metrics.dto';
import { formatChange, formatShare, formatUsd } from '../format/summary-format';

@Injectable()
export class MusicSummaryService {
  constructor(
    private readonly access: AccountAccessService,
    private readonly activity: ActivityLogService,
    private readonly clock: Clock,
  ) {}

  async summary(principal: Principal, userId: string): Promise<MusicSummaryDto> {
    const ownerId = await this.access.byUserId(principal, userId);
    const now = this.clock.now();
    const { month, previousMonth } = calendarStarts(now);
    const beforeMonth = new Date(month.getTime() - 1);
    const [counts, streams, streamsBefore, skills, skillsBefore] = await Promise.all([
      this.activity.domainCounts(ownerId, month, previousMonth, now),
      this.activity.latestStreams(ownerId, now),
      this.activity.latestStreams(ownerId, beforeMonth),
      this.activity.latestSkills(ownerId, now),
      this.activity.latestSkills(ownerId, beforeMonth),
    ]);
    const bookings = counts.bookingsCompleted + counts.bookingsPending + counts.bookingsInquiry;
    return {
      revenue: {
        month: formatUsd(counts.revenueMonth),
        total: formatUsd(counts.revenueTotal),
        change: formatChange(counts.revenueMonth, counts.revenuePreviousMonth),
      },
      bookings: { completed: counts.bookingsCompleted, pending: counts.bookingsPending, conversion: formatShare(counts.bookingsCompleted, bookings) },
      fans: {
        total: counts.fans,
        active: counts.fansActive,
        growth: formatChange(counts.fansMonth, counts.fansPreviousMonth),
        segmentation: { superfans: counts.superfans, casual: counts.casual, new: counts.newFans },
      },
      streams: {
        monthlyListeners: streams.monthlyListeners,
        monthlyStreams: streams.monthlyStreams,
        growth: formatChange(streams.monthlyStreams, streamsBefore.monthlyStreams),
      },
      skills: { active: skills.active, total: skills.total, growth: formatChange(skills.active, skillsBefore.active) },
    };
  }
}
