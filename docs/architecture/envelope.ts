// The back-of-the-envelope model behind streaming-platform.md: every assumption in one place, every figure derived
// from them, so a changed assumption changes every figure that depends on it (and the doc, via renderEnvelope.ts).

/** Inputs: each is a guess to argue with, not a measurement. Units are in the names. */
export const assumptions = {
  accounts: 100e6, // design point; launch is ~5 M, so divide every load figure by 20 for year one
  profilesPerAccount: 2.5,
  dailyActiveShare: 0.5, // accounts that open the app on a given day
  viewingHoursPerAccountDay: 2, // averaged over all accounts, active or not
  peakToAverage: 2.5, // evening peak over the 24 h mean, several time zones blended
  averageBitrateMbps: 4, // delivered mix of phone (~1.5), HD (~5) and 4K (~15) streams
  segmentSeconds: 4, // CMAF segment length: one CDN request per segment per stream
  heartbeatSeconds: 60, // player progress/QoE event interval
  heartbeatBytes: 300, // one event with its envelope, before batching
  sessionHours: 0.75, // average viewing session: one playback start each
  browseSessionsPerActiveDay: 3,
  apiCallsPerBrowseSession: 40, // home rows, artwork metadata, search, library
  ratingsPerActiveDay: 0.4,
  friendRecommendationsPerActiveDay: 0.04,
  chargesPerAccountMonth: 1, // subscription renewals spread over the month by signup day
  ledgerEntriesPerCharge: 4, // double entry: receivable, revenue, tax, payment-provider fee
  ledgerEntryBytes: 500,
  billingPeakFactor: 10, // retries after a provider outage plus month-start signups
  catalogueHours: 50_000, // hours of content, episodes counted one by one
  renditionLadderMbps: 50, // sum of every stored rendition's bitrate (AVC + AV1 ladders, audio, text)
  mezzanineMbps: 200, // studio masters, kept to re-encode
  recommendationRows: 40,
  titlesPerRow: 40,
  titleIdBytes: 4,
  requestsPerCoreSecond: 2_000, // a real handler that calls a store; trivial JSON does ~17k/core here
  zoneLossHeadroom: 1.5, // three zones: lose one and the other two carry everything
  cdnUsdPerGB: 0.01, // contracted multi-CDN rate at this volume; list prices are several times higher
  pubsubUsdPerTiB: 40, // Pub/Sub throughput list price, charged on publish and on each subscription
  heartbeatSubscriptions: 3, // BigQuery sink, QoE aggregation, recommendation features
} as const;

export type Assumptions = { readonly [K in keyof typeof assumptions]: number };

const secondsPerDay = 86_400;
const bytesPerGB = 1e9;
const bytesPerTiB = 2 ** 40;

/** Every derived figure, in base units (per second, bytes, USD). */
export function estimate(a: Assumptions = assumptions) {
  const activeAccounts = a.accounts * a.dailyActiveShare;
  const viewingHoursPerDay = a.accounts * a.viewingHoursPerAccountDay;
  const averageStreams = viewingHoursPerDay / 24;
  const peakStreams = averageStreams * a.peakToAverage;
  const bytesPerStreamHour = (a.averageBitrateMbps * 1e6 * 3600) / 8;
  const egressBytesPerDay = viewingHoursPerDay * bytesPerStreamHour;
  const playbackStartsPerDay = viewingHoursPerDay / a.sessionHours;
  const heartbeatsPerDay = (averageStreams * secondsPerDay) / a.heartbeatSeconds;
  const apiCallsPerDay = activeAccounts * a.browseSessionsPerActiveDay * a.apiCallsPerBrowseSession;
  const peakApiPerSecond = (apiCallsPerDay / secondsPerDay) * a.peakToAverage;
  const ledgerEntriesPerSecond =
    ((a.accounts * a.chargesPerAccountMonth) / 30 / secondsPerDay) * a.ledgerEntriesPerCharge;
  const heartbeatBytesPerDay = heartbeatsPerDay * a.heartbeatBytes;
  return {
    activeAccounts,
    profiles: a.accounts * a.profilesPerAccount,
    viewingHoursPerDay,
    averageStreams,
    peakStreams,
    peakEgressBitsPerSecond: peakStreams * a.averageBitrateMbps * 1e6,
    egressBytesPerDay,
    egressBytesPerAccountMonth: a.viewingHoursPerAccountDay * 30 * bytesPerStreamHour,
    egressUsdPerYear: (egressBytesPerDay / bytesPerGB) * a.cdnUsdPerGB * 365,
    peakSegmentRequestsPerSecond: peakStreams / a.segmentSeconds,
    playbackStartsPerDay,
    peakPlaybackStartsPerSecond: (playbackStartsPerDay / secondsPerDay) * a.peakToAverage,
    peakHeartbeatsPerSecond: peakStreams / a.heartbeatSeconds,
    heartbeatBytesPerDay,
    pubsubUsdPerYear:
      (heartbeatBytesPerDay * (1 + a.heartbeatSubscriptions) * 365 * a.pubsubUsdPerTiB) / bytesPerTiB,
    apiCallsPerDay,
    peakApiPerSecond,
    apiCores: (peakApiPerSecond / a.requestsPerCoreSecond) * a.zoneLossHeadroom,
    peakRatingsPerSecond: ((activeAccounts * a.ratingsPerActiveDay) / secondsPerDay) * a.peakToAverage,
    friendRecommendationsPerSecond: (activeAccounts * a.friendRecommendationsPerActiveDay) / secondsPerDay,
    ledgerEntriesPerSecond,
    peakLedgerEntriesPerSecond: ledgerEntriesPerSecond * a.billingPeakFactor,
    ledgerBytesPerYear:
      a.accounts * a.chargesPerAccountMonth * 12 * a.ledgerEntriesPerCharge * a.ledgerEntryBytes,
    renditionBytes: (a.catalogueHours * a.renditionLadderMbps * 1e6 * 3600) / 8,
    mezzanineBytes: (a.catalogueHours * a.mezzanineMbps * 1e6 * 3600) / 8,
    recommendationBytes:
      a.accounts * a.profilesPerAccount * a.recommendationRows * a.titlesPerRow * a.titleIdBytes,
  };
}

export type Estimate = ReturnType<typeof estimate>;
