package io.panstack.operator.pass;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.BeanProperty;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.PropertyName;
import com.fasterxml.jackson.databind.deser.BeanDeserializerBuilder;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.deser.ContextualDeserializer;
import com.fasterxml.jackson.databind.deser.SettableBeanProperty;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.jsontype.TypeDeserializer;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResourceList;

/**
 * The operator's mappings (its client's, and the informers' LeanReading) read the items of a list page (DeploymentList, say) with a reader of the
 * item's kind found at the first item, not when the list's reader is made. Jackson makes a reader for a type with
 * readers for every type it holds, all the way down: a DeploymentList's reader holds a Deployment's, which holds a
 * pod template's, and so on, ~1,200 model classes for the kinds the operator watches, made one after the other under
 * one lock while the informers start. An informer whose first list is empty (every one, on a cluster without stacks)
 * needs none of them to be ready; the first object of a kind, listed or watched, makes its reader then. The
 * PanStack informer, which starts before all others, no longer waits for the reader of a PanStack (with its pod
 * settings, ~0.15 s at a start).
 */
public final class ItemsOnDemand extends BeanDeserializerModifier {

    /** The module that installs it; its name is its id, so a mapping takes it once. */
    public static SimpleModule module() {
        return new SimpleModule("panstack-items-on-demand").setDeserializerModifier(new ItemsOnDemand());
    }

    @Override
    public BeanDeserializerBuilder updateBuilder(DeserializationConfig config, BeanDescription bean,
            BeanDeserializerBuilder builder) {
        SettableBeanProperty items = builder.findProperty(PropertyName.construct("items"));
        if (items != null && !items.hasValueDeserializer() && listOfOneKind(bean.getType(), items.getType())) {
            builder.addOrReplaceProperty(items.withValueDeserializer(new Items(items.getType())), true);
        }
        return builder;
    }

    /**
     * A Kubernetes list of one concrete kind (DeploymentList, a list of PanStacks), not one of any kind (a
     * KubernetesList holds HasMetadata): items read as any other list's would be read.
     */
    static boolean listOfOneKind(JavaType list, JavaType items) {
        JavaType item = items.getContentType();
        return KubernetesResourceList.class.isAssignableFrom(list.getRawClass())
                && items.getRawClass() == List.class && item != null && item.isConcrete()
                && HasMetadata.class.isAssignableFrom(item.getRawClass());
    }

    /** The items: an ArrayList, as Jackson would have made, of objects read by the item kind's own reader. */
    static final class Items extends StdDeserializer<List<Object>> implements ContextualDeserializer {
        private final BeanProperty property;
        /** Found at the first item; the mapping keeps it too, so a race finds the same one. */
        private volatile JsonDeserializer<Object> item;
        private volatile TypeDeserializer itemType;

        Items(JavaType type) {
            this(type, null);
        }

        private Items(JavaType type, BeanProperty property) {
            super(type);
            this.property = property;
        }

        @Override
        public JsonDeserializer<?> createContextual(DeserializationContext context, BeanProperty property) {
            return property == this.property ? this : new Items(getValueType(), property);
        }

        @Override
        public List<Object> deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            if (!parser.isExpectedStartArrayToken()) {
                @SuppressWarnings("unchecked")
                List<Object> refused = (List<Object>) context.handleUnexpectedToken(getValueType(), parser);
                return refused;
            }
            List<Object> items = new ArrayList<>();
            for (JsonToken token = parser.nextToken(); token != JsonToken.END_ARRAY; token = parser.nextToken()) {
                items.add(token == JsonToken.VALUE_NULL ? null : read(parser, context));
            }
            return items;
        }

        private Object read(JsonParser parser, DeserializationContext context) throws IOException {
            JsonDeserializer<Object> reader = item;
            if (reader == null) {
                JavaType kind = getValueType().getContentType();
                itemType = context.getFactory().findTypeDeserializer(context.getConfig(), kind);
                reader = context.findContextualValueDeserializer(kind, property);
                item = reader;
            }
            TypeDeserializer types = itemType;
            return types == null ? reader.deserialize(parser, context)
                    : reader.deserializeWithType(parser, context, types);
        }
    }
}
