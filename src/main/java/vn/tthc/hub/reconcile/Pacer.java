package vn.tthc.hub.reconcile;

/** Spaces calls to a target evenly (at most {@code perSecond}), so a reconciliation never floods a partner's look-up. */
final class Pacer {
    private final long intervalNanos;
    private long next;

    Pacer(double perSecond) {
        this.intervalNanos = (long) (1_000_000_000L / perSecond);
        this.next = System.nanoTime();
    }

    synchronized void acquire() {
        long now = System.nanoTime();
        if (next > now) {
            long wait = next - now;
            try {
                // the run is a background job: waiting here is the rate limit itself
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("reconciliation interrupted");
            }
            now = next;
        }
        next = now + intervalNanos;
    }
}
