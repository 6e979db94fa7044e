package kz.btcom.fs.sip;

import gov.nist.javax.sip.ListeningPointImpl;
import gov.nist.javax.sip.stack.MessageProcessor;
import gov.nist.javax.sip.stack.UDPMessageProcessor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sip.ListeningPoint;
import javax.sip.SipProvider;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.IntSupplier;

/**
 * How many datagrams wait in JAIN-SIP's receive queue, not yet parsed. When the stack's threads fall behind,
 * this is where the delay builds up (before any of our code runs), so it is the earliest sign of overload.
 * The stack keeps the queue to itself; it is read by reflection, and reads 0 if that ever stops working.
 */
final class UdpBacklog implements IntSupplier {

    private static final Logger LOG = LoggerFactory.getLogger(UdpBacklog.class);

    private final List<Collection<?>> queues;

    private UdpBacklog(List<Collection<?>> queues) {
        this.queues = queues;
    }

    static UdpBacklog of(SipProvider provider) {
        List<Collection<?>> queues = new ArrayList<>();
        try {
            Field field = UDPMessageProcessor.class.getDeclaredField("messageQueue");
            field.setAccessible(true);
            for (ListeningPoint point : provider.getListeningPoints()) {
                MessageProcessor processor = ((ListeningPointImpl) point).getMessageProcessor();
                if (processor instanceof UDPMessageProcessor) {
                    queues.add((Collection<?>) field.get(processor));
                }
            }
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.warn("cannot watch the SIP receive queue; overload is judged by the call lanes alone: {}", e.toString());
        }
        return new UdpBacklog(queues);
    }

    @Override
    public int getAsInt() {
        int waiting = 0;
        for (Collection<?> queue : queues) {
            waiting += queue.size();
        }
        return waiting;
    }
}
