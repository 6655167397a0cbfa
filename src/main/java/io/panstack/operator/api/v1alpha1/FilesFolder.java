package io.panstack.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The folders of the shared files volume, as the vendor names them (panintelligence.md 3.1). */
public enum FilesFolder {
    @JsonProperty("themes") THEMES,
    @JsonProperty("images") IMAGES,
    @JsonProperty("files") FILES,
    @JsonProperty("svg") SVG,
    @JsonProperty("locale") LOCALE,
    @JsonProperty("custom_jdbc") CUSTOM_JDBC,
    @JsonProperty("keys") KEYS;

    /** The folder's name on the volume (and the bucket prefix it is seeded from). */
    public String folder() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
