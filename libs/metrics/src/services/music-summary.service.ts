import { Injectable } from '@nestjs/common';
import { Clock, Principal } from '@fleetwatch/common';
import { AccountAccessService } from './account-access.service';
import { calendarStarts } from '../windows/calendar';
import { MusicSummaryDto } from '../dto/user-metrics.dto';
import { MusicSummaryRepository } from '../repositories/music-summary.repository';
import { formatChange, formatShare, formatUsd } from '../format/summary-format';

@Injectable()
export class MusicSummaryService {
  constructor(
    private readonly access: AccountAccessService,
    private readonly repository: MusicSummaryRepository,
    private readonly clock: Clock,
  ) {}

  async summary(principal: Principal, userId: string): Promise<MusicSummaryDto> {
    const ownerId = await this.access.byUserId(principal, userId);
    const now = this.clock.now();
    const { month, previousMonth } = calendarStarts(now);
    const beforeMonth = new Date(month.getTime() - 1);
    const [counts, streams, streamsBefore, skills, skillsBefore] = await Promise.all([
      this.repository.counts(ownerId, month, previousMonth, now),
      this.repository.latestStreams(ownerId, now),
      this.repository.latestStreams(ownerId, beforeMonth),
      this.repository.skills(ownerId, now),
      this.repository.skills(ownerId, beforeMonth),
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
