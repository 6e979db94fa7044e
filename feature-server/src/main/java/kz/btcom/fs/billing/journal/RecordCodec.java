package kz.btcom.fs.billing.journal;

import kz.btcom.fs.billing.JournalEvent.Pass;
import net.openhft.chronicle.bytes.BytesIn;
import net.openhft.chronicle.bytes.BytesOut;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The body of a journal entry, for any event record: a format byte, then the record's components in the order they
 * are declared, each by its type: strings as length-prefixed UTF-8, times as epoch milliseconds (a missing time as
 * {@link Long#MIN_VALUE}), enums by name (so a reordered or extended enum never changes what an old entry means),
 * {@code int} as a stop-bit number, {@code boolean} as a byte, a list of records as its size and each record's
 * components; any reference may be null. So a record's declaration IS its entry's layout: append a component only at
 * the end, and never reorder, retype or remove one (entries of every earlier day must still be read).
 *
 * <p>Format 2 is exactly what the hand-written codec per event of issue 11 wrote, byte for byte, so that release
 * reads what this one writes. Format 1, the release before, lacked the last two components (pass and icid) of the
 * attempt and the release: a component missing at the end of a format-1 entry reads as {@link #ABSENT} says.
 */
final class RecordCodec {

    /** Written first in every entry: a reader refuses a format it does not know instead of misreading it. */
    static final byte FORMAT = 2;
    /** The format of the first release, still read: see {@link #ABSENT}. */
    static final byte FORMAT_WITHOUT_PASS = 1;

    /**
     * What a component missing at the end of a format-1 entry means: that release knew no passes, and each of its
     * calls charged its caller, as {@link Pass#BOTH} does. Any other missing component (the icid) is null.
     */
    private static final Map<Class<?>, Object> ABSENT = Map.of(Pass.class, Pass.BOTH);

    private static final long NO_TIME = Long.MIN_VALUE;

    private static final ClassValue<Shape> SHAPES = new ClassValue<>() {
        @Override
        protected Shape computeValue(Class<?> type) {
            return Shape.of(type);
        }
    };

    private RecordCodec() {
    }

    /** Fails now, not at the first entry, when a component of {@code type} has no encoding here. */
    static void check(Class<?> type) {
        SHAPES.get(type);
    }

    static void write(BytesOut<?> out, Object event) {
        out.writeByte(FORMAT);
        SHAPES.get(event.getClass()).write(out, event);
    }

    static Object read(BytesIn<?> in, Class<?> type, CharSequence event) {
        byte format = in.readByte();
        if (format < FORMAT_WITHOUT_PASS || format > FORMAT) {
            throw new IllegalStateException("journal entry '" + event + "' has format " + format
                    + "; this version reads formats " + FORMAT_WITHOUT_PASS + " to " + FORMAT
                    + " (a newer server wrote it?)");
        }
        return SHAPES.get(type).read(in, format < FORMAT);
    }

    /** A record type's components, each with its encoding, and its canonical constructor. */
    private record Shape(Method[] accessors, Class<?>[] types, Value[] values, Constructor<?> constructor) {

        static Shape of(Class<?> type) {
            if (!type.isRecord()) {
                throw new IllegalArgumentException(type + " is no record: the journal writes records only");
            }
            RecordComponent[] components = type.getRecordComponents();
            Method[] accessors = new Method[components.length];
            Class<?>[] types = new Class<?>[components.length];
            Value[] values = new Value[components.length];
            for (int i = 0; i < components.length; i++) {
                accessors[i] = components[i].getAccessor();
                types[i] = components[i].getType();
                values[i] = Value.of(components[i].getGenericType(), type.getSimpleName() + "." + components[i].getName());
            }
            try {
                return new Shape(accessors, types, values, type.getDeclaredConstructor(types));
            } catch (NoSuchMethodException e) {
                throw new IllegalArgumentException(type + " has no canonical constructor", e);
            }
        }

        void write(BytesOut<?> out, Object record) {
            for (int i = 0; i < accessors.length; i++) {
                Method accessor = accessors[i];
                values[i].writer.write(out, call(() -> accessor.invoke(record)));
            }
        }

        Object read(BytesIn<?> in, boolean olderFormat) {
            Object[] arguments = new Object[values.length];
            for (int i = 0; i < values.length; i++) {
                arguments[i] = olderFormat && in.readRemaining() == 0
                        ? ABSENT.get(types[i])
                        : values[i].reader.read(in);
            }
            return call(() -> constructor.newInstance(arguments));
        }
    }

    /** How one component's value is written and read. */
    private record Value(Writer writer, Reader reader) {

        static Value of(Type type, String component) {
            if (type == String.class) {
                return new Value((out, v) -> out.writeUtf8((String) v), BytesIn::readUtf8);
            }
            if (type == Instant.class) {
                return new Value((out, v) -> out.writeLong(v == null ? NO_TIME : ((Instant) v).toEpochMilli()),
                        in -> {
                            long millis = in.readLong();
                            return millis == NO_TIME ? null : Instant.ofEpochMilli(millis);
                        });
            }
            if (type == int.class) {
                return new Value((out, v) -> out.writeStopBit((int) v), in -> Math.toIntExact(in.readStopBit()));
            }
            if (type == long.class) {
                return new Value((out, v) -> out.writeStopBit((long) v), BytesIn::readStopBit);
            }
            if (type == boolean.class) {
                return new Value((out, v) -> out.writeBoolean((boolean) v), BytesIn::readBoolean);
            }
            if (type instanceof Class<?> c && c.isEnum()) {
                return new Value((out, v) -> out.writeUtf8(v == null ? null : ((Enum<?>) v).name()),
                        in -> enumNamed(c, in.readUtf8()));
            }
            if (type instanceof ParameterizedType list && list.getRawType() == List.class
                    && list.getActualTypeArguments()[0] instanceof Class<?> element && element.isRecord()) {
                return new Value((out, v) -> {
                    List<?> items = (List<?>) v;
                    out.writeStopBit(items.size());
                    items.forEach(item -> SHAPES.get(element).write(out, item));
                }, in -> {
                    int count = Math.toIntExact(in.readStopBit());
                    List<Object> items = new ArrayList<>(count);
                    for (int i = 0; i < count; i++) {
                        items.add(SHAPES.get(element).read(in, false));
                    }
                    return items;
                });
            }
            throw new IllegalArgumentException("the journal has no encoding for " + component + " (" + type
                    + "): give it one in RecordCodec.Value, or use a type it has");
        }

        @SuppressWarnings({"unchecked", "rawtypes"})
        private static Object enumNamed(Class<?> type, String name) {
            return name == null ? null : Enum.valueOf((Class) type, name);
        }
    }

    @FunctionalInterface
    private interface Writer {
        void write(BytesOut<?> out, Object value);
    }

    @FunctionalInterface
    private interface Reader {
        Object read(BytesIn<?> in);
    }

    @FunctionalInterface
    private interface Reflective {
        Object call() throws ReflectiveOperationException;
    }

    /** A reflective call, its target's own exception (a record's constructor refusing a value) as it was thrown. */
    private static Object call(Reflective call) {
        try {
            return call.call();
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw new IllegalStateException(e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }
}
