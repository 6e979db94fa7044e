package kz.btcom.fs.billing.journal;

import kz.btcom.fs.billing.CallEvents;
import kz.btcom.fs.billing.JournalEvent;
import net.openhft.chronicle.bytes.BytesIn;
import net.openhft.chronicle.bytes.BytesOut;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.wire.BytesInBinaryMarshallable;
import net.openhft.chronicle.wire.DocumentContext;
import net.openhft.chronicle.wire.ValueIn;
import net.openhft.chronicle.wire.Wire;

import java.lang.reflect.Method;
import java.util.HashMap;
import java.util.Map;

/**
 * The journal's entries, read off {@link CallEvents}: each entry is the name of the method that took the event, then
 * the event's record ({@link RecordCodec}), as Chronicle's method writer wrote them before (a field named after the
 * event, holding a length-prefixed binary body). A new event is a new method of {@link CallEvents} and its record:
 * nothing here names one.
 */
final class JournalEntries {

    private static final Map<String, Class<? extends JournalEvent>> TYPES = new HashMap<>();
    private static final Map<Class<?>, String> NAMES = new HashMap<>();

    static {
        for (Method method : CallEvents.class.getMethods()) {
            Class<?>[] parameters = method.getParameterTypes();
            if (parameters.length != 1 || !JournalEvent.class.isAssignableFrom(parameters[0])) {
                continue;
            }
            Class<? extends JournalEvent> type = parameters[0].asSubclass(JournalEvent.class);
            RecordCodec.check(type);
            TYPES.put(method.getName(), type);
            NAMES.put(type, method.getName());
        }
    }

    private JournalEntries() {
    }

    /** Appends the event as one entry; an entry that fails half-written is rolled back, never read. */
    static void append(ExcerptAppender appender, JournalEvent event) {
        String name = NAMES.get(event.getClass());
        if (name == null) {
            throw new IllegalArgumentException(event.getClass() + " is no event of CallEvents");
        }
        try (DocumentContext entry = appender.writingDocument()) {
            try {
                entry.wire().writeEventName(name).marshallable(new Body(event));
            } catch (RuntimeException | Error e) {
                entry.rollbackOnClose();
                throw e;
            }
        }
    }

    /** The event of an entry; null for an event this version does not know (a newer server's). */
    static JournalEvent read(Wire entry, StringBuilder name) {
        ValueIn value = entry.readEventName(name);
        Class<? extends JournalEvent> type = TYPES.get(name.toString());
        if (type == null) {
            return null;
        }
        Body body = new Body(type, name);
        value.marshallable(body);
        return body.event;
    }

    /** What follows an entry's event name: the record as bytes (no field names: an entry is a few dozen bytes). */
    private static final class Body extends BytesInBinaryMarshallable {
        private final transient Class<? extends JournalEvent> type;
        private final transient CharSequence name;
        private transient JournalEvent event;

        Body(JournalEvent event) {
            this.type = event.getClass();
            this.name = null;
            this.event = event;
        }

        Body(Class<? extends JournalEvent> type, CharSequence name) {
            this.type = type;
            this.name = name;
        }

        @Override
        public void writeMarshallable(BytesOut<?> out) {
            RecordCodec.write(out, event);
        }

        @Override
        public void readMarshallable(BytesIn<?> in) {
            event = type.cast(RecordCodec.read(in, type, name));
        }
    }
}
