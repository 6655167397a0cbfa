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

/** One complete Panintelligence deployment: its workloads, repository database and shared files. */
@Group(PanStack.GROUP)
@Version(PanStack.VERSION)
@Kind("PanStack")
@Plural("panstacks")
@Singular("panstack")
@ShortNames("pan")
@AdditionalPrinterColumn(name = "Ready", jsonPath = ".status.conditions[?(@.type==\"Ready\")].status")
@AdditionalPrinterColumn(name = "Phase", jsonPath = ".status.phase")
@AdditionalPrinterColumn(name = "Version", jsonPath = ".spec.version")
@AdditionalPrinterColumn(name = "URL", jsonPath = ".status.url")
@AdditionalPrinterColumn(name = "Age", jsonPath = ".metadata.creationTimestamp", type = Type.DATE)
@ValidationRule(value = "has(self.spec)", message = "spec is required: set at least spec.version")
// Child names are "<name>-<suffix>" (longest suffix "-db-credentials"), and Service names must be DNS-1035 labels.
@ValidationRule(value = "size(self.metadata.name) <= 40",
    message = "metadata.name must be at most 40 characters: the operator derives child object names from it")
@ValidationRule(value = "self.metadata.name.matches('^[a-z]([-a-z0-9]*[a-z0-9])?$')",
    message = "metadata.name must start with a letter and contain only lower-case letters, digits and '-' (it names Services)")
public class PanStack extends CustomResource<PanStackSpec, PanStackStatus> implements Namespaced {
    public static final String GROUP = "panstack.io";
    public static final String VERSION = "v1alpha1";
}
