package io.panstack.operator.api.v1alpha1;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn.Type;
import io.fabric8.generator.annotation.ValidationRule;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Singular;
import io.fabric8.kubernetes.model.annotation.Version;

/**
 * Restores a running PanStack of the same namespace in place from a logical backup: the dashboard and scheduler are
 * stopped, a safety backup of the current repository is taken, the repository is replaced (and put back from the
 * safety backup if that fails), and Pi starts again.
 */
@Group(PanStack.GROUP)
@Version(PanStack.VERSION)
@Kind("PanStackRestore")
@Plural("panstackrestores")
@Singular("panstackrestore")
@ShortNames("panrestore")
@AdditionalPrinterColumn(name = "Stack", jsonPath = ".spec.stack")
@AdditionalPrinterColumn(name = "Phase", jsonPath = ".status.phase")
@AdditionalPrinterColumn(name = "Source", jsonPath = ".status.source", priority = 1)
@AdditionalPrinterColumn(name = "Completed", jsonPath = ".status.completionTime", type = Type.DATE)
@AdditionalPrinterColumn(name = "Age", jsonPath = ".metadata.creationTimestamp", type = Type.DATE)
@ValidationRule(value = "has(self.spec)", message = "spec is required: set spec.stack and spec.backup or spec.location")
@ValidationRule(value = "size(self.metadata.name) <= 63",
    message = "metadata.name must be at most 63 characters: it labels the restore's Jobs")
public class PanStackRestore extends CustomResource<PanStackRestoreSpec, PanStackRestoreStatus> implements Namespaced {
}
