// What the dashboard shows, worked out from /metrics (Prometheus text format 0.0.4): the gauges as they are, the
// counters as rates between two scrapes, and the setup time quantiles from the histogram's buckets as
// Prometheus's histogram_quantile() does it, over the calls of the last few scrapes only.

/** Every sample of the text: [{name, labels: {...}, value}]. */
export function parse(text) {
  const samples = [];
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('#')) {
      continue;
    }
    const match = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{(.*)\})?\s+(\S+)/.exec(line);
    if (!match) {
      continue;
    }
    const labels = {};
    for (const [, name, value] of (match[3] || '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)) {
      labels[name] = value.replace(/\\(.)/g, '$1');
    }
    samples.push({ name: match[1], labels, value: Number(match[4]) });
  }
  return samples;
}

function sum(samples, name) {
  return samples.filter((s) => s.name === name).reduce((total, s) => total + s.value, 0);
}

/** One scrape, reduced to what the dashboard needs. */
export function snapshot(text, at) {
  const samples = parse(text);
  return {
    at,
    inProgress: sum(samples, 'fs_calls_in_progress'),
    busyLines: sum(samples, 'fs_subscribers_in_calls'),
    callsTotal: sum(samples, 'fs_calls_total'),
    rejections: sum(samples, 'fs_overload_rejections_total'),
    setupBuckets: samples
      .filter((s) => s.name === 'fs_invite_handling_seconds_bucket')
      .map((s) => ({ le: s.labels.le === '+Inf' ? Infinity : Number(s.labels.le), count: s.value }))
      .sort((a, b) => a.le - b.le),
  };
}

/** Per second between two snapshots; null without an earlier one or across a restart (a counter went down). */
export function rate(earlier, later, key) {
  if (!earlier || later[key] < earlier[key] || later.at <= earlier.at) {
    return null;
  }
  return (later[key] - earlier[key]) / ((later.at - earlier.at) / 1000);
}

/**
 * The q-quantile of the setup times observed between two snapshots, in seconds; null when no call was set up
 * in between. Linear within the bucket; in the +Inf bucket, the highest finite bound (as Prometheus does).
 */
export function quantile(q, earlier, later) {
  if (!earlier) {
    return null;
  }
  const before = new Map(earlier.setupBuckets.map((b) => [b.le, b.count]));
  const buckets = later.setupBuckets.map((b) => ({ le: b.le, count: b.count - (before.get(b.le) ?? 0) }));
  const total = buckets.length ? buckets[buckets.length - 1].count : 0;
  if (total <= 0) {
    return null;
  }
  const rank = q * total;
  let lowerBound = 0;
  let lowerCount = 0;
  for (const bucket of buckets) {
    if (bucket.count >= rank) {
      if (bucket.le === Infinity) {
        return lowerBound;
      }
      const inBucket = bucket.count - lowerCount;
      return lowerBound + (bucket.le - lowerBound) * (inBucket > 0 ? (rank - lowerCount) / inBucket : 1);
    }
    lowerBound = bucket.le;
    lowerCount = bucket.count;
  }
  return lowerBound;
}
