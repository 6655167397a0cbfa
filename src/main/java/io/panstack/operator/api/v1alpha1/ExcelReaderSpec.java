package io.panstack.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import io.fabric8.generator.annotation.Default;
import io.fabric8.kubernetes.api.model.ResourceRequirements;

public class ExcelReaderSpec extends ScalableComponentSpec {
    @Default("false")
    @JsonPropertyDescription("Run the excel reader. The dashboard's \"Excel Reader\" module URL must then be set to http://<name>-excel-reader:9916 under System Variables > Modules: the vendor documents no variable for it.")
    private Boolean enabled = false;

    @Default(Defaults.EXCEL_READER_RESOURCES)
    @JsonPropertyDescription("CPU and memory.")
    private ResourceRequirements resources = Defaults.resources(Defaults.EXCEL_READER_RESOURCES);

    public Boolean getEnabled() { return enabled; }
    public void setEnabled(Boolean enabled) { this.enabled = enabled; }
    public ResourceRequirements getResources() { return resources; }
    public void setResources(ResourceRequirements resources) { this.resources = resources; }

    @Override public boolean enabled() { return orDefault(enabled, false); }
    @Override public ResourceRequirements resources() { return resources; }
}
