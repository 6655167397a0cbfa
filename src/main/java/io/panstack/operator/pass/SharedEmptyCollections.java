package io.panstack.operator.pass;

import java.io.IOException;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.deser.std.DelegatingDeserializer;
import com.fasterxml.jackson.databind.jsontype.TypeDeserializer;

/**
 * The informers' mapping (LeanReading) hands every Kubernetes model object it reads one shared, read-only empty
 * list or map in place of each empty one of its own. fabric8's models start every object with a LinkedHashMap for
 * the fields they do not know and an ArrayList for each list field, nearly all of which stay empty: at 1,000 stacks
 * the cached children held ~200,000 such maps, ~15 MB of a ~120 MB heap. An empty list or map reads, compares and
 * serializes as before. What differs is what a cached object must never see anyway: a change (even a no-op one,
 * such as removeIf or clear) throws, as does a query for null (get(null), contains(null)). A cached object is read;
 * to change one, copy it first (new XBuilder(cached)), as the operator and fabric8's edit() do.
 * <p>
 * Reading into an existing object (readerForUpdating, @JsonMerge) is left alone here; nothing reads so into a cached
 * object, whose any-setter would now throw.
 */
final class SharedEmptyCollections extends BeanDeserializerModifier {

    /** A list or map property of a model: its getter and setter. */
    private record Slot(MethodHandle getter, MethodHandle setter, Object empty) {
        void share(Object object) throws Throwable {
            Object value = getter.invokeExact(object);
            if ((value instanceof ArrayList<?> list && list.isEmpty())
                    || (value instanceof HashMap<?, ?> map && map.isEmpty())) { // LinkedHashMap is a HashMap
                setter.invokeExact(object, empty);
            }
        }
    }

    @Override
    public JsonDeserializer<?> modifyDeserializer(DeserializationConfig config, BeanDescription bean,
            JsonDeserializer<?> deserializer) {
        List<Slot> slots = slots(bean.getBeanClass());
        return slots.isEmpty() ? deserializer : new Sharing(deserializer, slots);
    }

    /** Every public getX() of a list or map with its public setX(that type), on Kubernetes' model classes. */
    static List<Slot> slots(Class<?> kind) {
        if (!kind.getPackageName().startsWith("io.fabric8.kubernetes.api.model")) {
            return List.of();
        }
        List<Slot> slots = new ArrayList<>();
        for (Method getter : kind.getMethods()) {
            Class<?> type = getter.getReturnType();
            boolean list = type == List.class;
            if ((!list && type != Map.class) || getter.getParameterCount() != 0 || !getter.getName().startsWith("get")
                    || Modifier.isStatic(getter.getModifiers())) {
                continue;
            }
            try {
                Method setter = kind.getMethod("set" + getter.getName().substring(3), type);
                MethodHandles.Lookup lookup = MethodHandles.publicLookup();
                slots.add(new Slot(lookup.unreflect(getter).asType(MethodType.methodType(Object.class, Object.class)),
                        lookup.unreflect(setter).asType(MethodType.methodType(void.class, Object.class, Object.class)),
                        list ? List.of() : Map.of()));
            } catch (NoSuchMethodException | IllegalAccessException e) {
                // Read-only property: left as it is.
            }
        }
        return List.copyOf(slots);
    }

    private static final class Sharing extends DelegatingDeserializer {
        private final List<Slot> slots;

        Sharing(JsonDeserializer<?> deserializer, List<Slot> slots) {
            super(deserializer);
            this.slots = slots;
        }

        @Override
        protected JsonDeserializer<?> newDelegatingInstance(JsonDeserializer<?> deserializer) {
            return new Sharing(deserializer, slots);
        }

        @Override
        public Object deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            return shared(super.deserialize(parser, context));
        }

        @Override
        public Object deserializeWithType(JsonParser parser, DeserializationContext context,
                TypeDeserializer types) throws IOException {
            return shared(super.deserializeWithType(parser, context, types));
        }

        private Object shared(Object object) {
            if (object == null || !handledType().isInstance(object)) {
                return object;
            }
            try {
                for (Slot slot : slots) {
                    slot.share(object);
                }
            } catch (RuntimeException | Error e) {
                throw e;
            } catch (Throwable e) { // a plain getter or setter of a model declares nothing else
                throw new IllegalStateException("Sharing the empty collections of " + object.getClass(), e);
            }
            return object;
        }
    }
}
