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
 * and writes each optional component's own defaults into the PanStack schema ({@link ComponentSchemaDefaults}).
 * PanStackBackup's columns: STACK PHASE ORIGIN COMPLETED SIZE AGE (LOCATION with -o wide).
 */
public class CrdFinish implements CRDPostProcessor {
    static final List<String> ORDER = List.of("Ready", "Phase", "Version", "URL", "Age");
    static final List<String> BACKUP_ORDER = List.of("Stack", "Phase", "Origin", "Completed", "Size", "Location", "Age");
    static final List<String> RESTORE_ORDER = List.of("Stack", "Phase", "Completed", "Source", "Age");

    @Override
    public HasMetadata process(HasMetadata crd, String crdSpecVersion) {
        if (crd instanceof CustomResourceDefinition definition) {
            String kind = definition.getSpec().getNames().getKind();
            boolean panStack = "PanStack".equals(kind);
            List<String> order = panStack ? ORDER : "PanStackRestore".equals(kind) ? RESTORE_ORDER : BACKUP_ORDER;
            definition.getSpec().getVersions().forEach(version -> {
                List<CustomResourceColumnDefinition> columns = version.getAdditionalPrinterColumns();
                if (columns != null) {
                    columns.sort(Comparator.comparingInt(column -> position(order, column.getName())));
                }
                if (panStack) {
                    ComponentSchemaDefaults.apply(version.getSchema().getOpenAPIV3Schema().getProperties().get("spec"));
                }
            });
        }
        return crd;
    }

    private static int position(List<String> order, String name) {
        int index = order.indexOf(name);
        return index < 0 ? order.size() : index;
    }
}
