package io.panstack.operator.crd;

import java.util.Comparator;
import java.util.List;

import io.fabric8.crdv2.generator.CRDPostProcessor;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceColumnDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;

/**
 * Runs at build time only, on the generated CRD. It puts the printer columns in order (the generator sorts them by
 * JSON path, while {@code kubectl get} shows them in the listed order; users expect NAME READY PHASE VERSION URL AGE)
 * and writes each optional component's own defaults into the schema ({@link ComponentSchemaDefaults}).
 */
public class CrdFinish implements CRDPostProcessor {
    static final List<String> ORDER = List.of("Ready", "Phase", "Version", "URL", "Age");

    @Override
    public HasMetadata process(HasMetadata crd, String crdSpecVersion) {
        if (crd instanceof CustomResourceDefinition definition) {
            definition.getSpec().getVersions().forEach(version -> {
                List<CustomResourceColumnDefinition> columns = version.getAdditionalPrinterColumns();
                if (columns != null) {
                    columns.sort(Comparator.comparingInt(column -> position(column.getName())));
                }
                ComponentSchemaDefaults.apply(version.getSchema().getOpenAPIV3Schema().getProperties().get("spec"));
            });
        }
        return crd;
    }

    private static int position(String name) {
        int index = ORDER.indexOf(name);
        return index < 0 ? ORDER.size() : index;
    }
}
