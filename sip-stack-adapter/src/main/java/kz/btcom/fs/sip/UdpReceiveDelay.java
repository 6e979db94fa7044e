package kz.btcom.fs.sip;

import gov.nist.javax.sip.ListeningPointImpl;
import gov.nist.javax.sip.stack.MessageProcessor;
import gov.nist.javax.sip.stack.QueuedMessageDispatchBase;
import gov.nist.javax.sip.stack.UDPMessageProcessor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sip.ListeningPoint;
import javax.sip.SipProvider;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.function.LongSupplier;

/**
 * How long the oldest datagram has waited in JAIN-SIP's receive queue, not yet parsed. When the stack's threads
 * fall behind, this is where the delay builds up (before any of our code runs), so it is the earliest sign of
 * overload. The stack keeps the queue to itself; it is read by reflection, and reads 0 if that ever fails.
 */
final class UdpReceiveDelay implements LongSupplier {

    private static final Logger LOG = LoggerFactory.getLogger(UdpReceiveDelay.class);

    private final List<Queue<?>> queues;

    private UdpReceiveDelay(List<Queue<?>> queues) {
        this.queues = queues;
    }

    static UdpReceiveDelay of(SipProvider provider) {
        List<Queue<?>> queues = new ArrayList<>();
        try {
            Field field = UDPMessageProcessor.class.getDeclaredField("messageQueue");
            field.setAccessible(true);
            for (ListeningPoint point : provider.getListeningPoints()) {
                MessageProcessor processor = ((ListeningPointImpl) point).getMessageProcessor();
                if (processor instanceof UDPMessageProcessor) {
                    queues.add((Queue<?>) field.get(processor));
                }
            }
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.warn("cannot watch the SIP receive queue; overload is judged by the call lanes alone: {}", e.toString());
        }
        return new UdpReceiveDelay(queues);
    }

    /** Milliseconds the oldest waiting datagram has been waiting, 0 when none waits. */
    @Override
    public long getAsLong() {
        long oldest = 0;
        long now = System.currentTimeMillis();
        for (Queue<?> queue : queues) {
            if (queue.peek() instanceof QueuedMessageDispatchBase waiting) {
                oldest = Math.max(oldest, now - waiting.getReceptionTime());
            }
        }
        return oldest;
    }
}
