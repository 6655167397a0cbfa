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
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.PropertyName;
import com.fasterxml.jackson.databind.deser.BeanDeserializerBuilder;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.deser.ContextualDeserializer;
import com.fasterxml.jackson.databind.deser.SettableBeanProperty;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.jsontype.TypeDeserializer;
import com.fasterxml.jackson.databind.util.ClassUtil;

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
 * settings, ~0.15 s at a start). So a kind Jackson cannot read fails at its first object, not at the first list.
 * <p>
 * Only plain lists are read so: where the mapping or the property says more of the items (their own reader or type
 * handling, null rules, merging), Jackson's own list reader reads them, as it does any page that is not an array.
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
        if (items != null && !items.hasValueDeserializer() && listOfOneKind(bean.getType(), items.getType())
                && plain(config, items)) {
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
                && items.getRawClass() == List.class && item != null && item.isConcrete() && !item.hasHandlers()
                && HasMetadata.class.isAssignableFrom(item.getRawClass());
    }

    /** Nothing said of the items beyond their type: no null rules, no merging (the mapping's or the property's). */
    private static boolean plain(DeserializationConfig config, SettableBeanProperty items) {
        return config.getDefaultSetterInfo().nonDefaultContentNulls() == null
                && config.getDefaultSetterInfo().nonDefaultValueNulls() == null
                && items.getMetadata().getMergeInfo() == null
                && items.getMetadata().getContentNulls() == null && items.getMetadata().getValueNulls() == null;
    }

    /** The items: an ArrayList, as Jackson would have made, of objects read by the item kind's own reader. */
    static final class Items extends StdDeserializer<List<Object>> implements ContextualDeserializer {
        private final BeanProperty property;
        /** Found at the first item; the mapping keeps the reader too, so a race finds the same one. */
        private volatile ItemReader item;

        /** An item kind's reader, with its type handling where the kind has one. */
        private record ItemReader(JsonDeserializer<Object> reader, TypeDeserializer types) {
            Object read(JsonParser parser, DeserializationContext context) throws IOException {
                return types == null ? reader.deserialize(parser, context)
                        : reader.deserializeWithType(parser, context, types);
            }
        }

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
            if (!parser.isExpectedStartArrayToken()) { // a single item, a string: as Jackson's own list reader reads it
                @SuppressWarnings("unchecked")
                List<Object> read = (List<Object>) context.findContextualValueDeserializer(getValueType(), property)
                        .deserialize(parser, context);
                return read;
            }
            List<Object> items = new ArrayList<>();
            for (JsonToken token = parser.nextToken(); token != JsonToken.END_ARRAY; token = parser.nextToken()) {
                try {
                    items.add(token == JsonToken.VALUE_NULL ? null : reader(context).read(parser, context));
                } catch (Exception e) { // as Jackson's list reader: the failure says which item, items[3]
                    if (!context.isEnabled(DeserializationFeature.WRAP_EXCEPTIONS)) {
                        ClassUtil.throwIfRTE(e);
                    }
                    throw JsonMappingException.wrapWithPath(e, items, items.size());
                }
            }
            return items;
        }

        private ItemReader reader(DeserializationContext context) throws IOException {
            ItemReader found = item;
            if (found == null) {
                JavaType kind = getValueType().getContentType();
                found = new ItemReader(context.findContextualValueDeserializer(kind, property),
                        context.getFactory().findTypeDeserializer(context.getConfig(), kind));
                item = found;
            }
            return found;
        }
    }
}
