package kz.btcom.fs.billing.journal;

import kz.btcom.fs.billing.CallEvents;
import kz.btcom.fs.billing.JournalEvent;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The {@link ChronicleJournal} over one queue, made from the interfaces (a JDK proxy): every abstract method of
 * {@link CallEvents} is {@link #write}, every other method of {@link ChronicleJournal} the method of this class with
 * its name and parameters.
 */
final class QueueJournal implements InvocationHandler {

    /** ChronicleJournal's own methods (and AutoCloseable's close), each with the one of this class that does it. */
    private static final Map<Method, Method> OWN_METHODS = ownMethods();

    private final SingleChronicleQueue queue;
    private final JournalBacklog<Consumer<JournalEvent>> writer;

    private QueueJournal(SingleChronicleQueue queue) {
        this.queue = queue;
        ExcerptAppender appender = queue.createAppender();
        appender.singleThreadedCheckDisabled(true);
        this.writer = new JournalBacklog<>(event -> {
            synchronized (appender) {
                JournalEntries.append(appender, event);
            }
        });
    }

    static ChronicleJournal over(SingleChronicleQueue queue) {
        return (ChronicleJournal) Proxy.newProxyInstance(ChronicleJournal.class.getClassLoader(),
                new Class<?>[] {ChronicleJournal.class}, new QueueJournal(queue));
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
        if (method.getDeclaringClass() == CallEvents.class) {
            if (method.isDefault()) {
                return InvocationHandler.invokeDefault(proxy, method, args);
            }
            write((JournalEvent) args[0]);
            return null;
        }
        if (method.getDeclaringClass() == Object.class) {
            return switch (method.getName()) {
                case "equals" -> proxy == args[0];
                case "hashCode" -> System.identityHashCode(proxy);
                default -> toString();
            };
        }
        try {
            return OWN_METHODS.get(method).invoke(this, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    public void write(JournalEvent event) {
        Objects.requireNonNull(event, "event");
        writer.write(append -> append.accept(event));
    }

    public Path directory() {
        return queue.file().toPath();
    }

    public JournalReader newReader() {
        return new JournalReader(queue, false);
    }

    public boolean retryWaitingEntries() {
        return writer.retry();
    }

    public boolean entriesWait() {
        return writer.failing();
    }

    public int waitingEntries() {
        return writer.waiting();
    }

    public void close() {
        queue.close();
    }

    @Override
    public String toString() {
        return "ChronicleJournal[" + directory() + "]";
    }

    private static Map<Method, Method> ownMethods() {
        Map<Method, Method> own = new HashMap<>();
        for (Method method : ChronicleJournal.class.getMethods()) {
            if (method.getDeclaringClass() != CallEvents.class && !Modifier.isStatic(method.getModifiers())) {
                try {
                    own.put(method, QueueJournal.class.getMethod(method.getName(), method.getParameterTypes()));
                } catch (NoSuchMethodException e) {
                    throw new IllegalStateException("QueueJournal lacks ChronicleJournal's " + method, e);
                }
            }
        }
        return own;
    }
}
