package io.panstack.operator.api.v1alpha1;

import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({ "name", "image", "replicas", "readyReplicas", "updatedReplicas", "message" })
public class ComponentStatus {
    @JsonPropertyDescription("Component: dashboard, renderer, scheduler, analytics, excel-reader, adminer or mariadb.")
    private String name;
    @JsonPropertyDescription("Image the component is set to run.")
    private String image;
    @JsonPropertyDescription("Desired number of pods.")
    private Integer replicas;
    @JsonPropertyDescription("Pods passing their readiness probe.")
    private Integer readyReplicas;
    @JsonPropertyDescription("Pods running the current pod template.")
    private Integer updatedReplicas;
    @JsonPropertyDescription("Problem seen on the component's pods or rollout, if any (e.g. ImagePullBackOff, CrashLoopBackOff).")
    private String message;

    public ComponentStatus() {
    }

    public ComponentStatus(String name, String image, Integer replicas, Integer readyReplicas, Integer updatedReplicas,
            String message) {
        this.name = name;
        this.image = image;
        this.replicas = replicas;
        this.readyReplicas = readyReplicas;
        this.updatedReplicas = updatedReplicas;
        this.message = message;
    }

    public String getName() { return name; }
    public void setName(String name) { this.name = name; }
    public String getImage() { return image; }
    public void setImage(String image) { this.image = image; }
    public Integer getReplicas() { return replicas; }
    public void setReplicas(Integer replicas) { this.replicas = replicas; }
    public Integer getReadyReplicas() { return readyReplicas; }
    public void setReadyReplicas(Integer readyReplicas) { this.readyReplicas = readyReplicas; }
    public Integer getUpdatedReplicas() { return updatedReplicas; }
    public void setUpdatedReplicas(Integer updatedReplicas) { this.updatedReplicas = updatedReplicas; }
    public String getMessage() { return message; }
    public void setMessage(String message) { this.message = message; }

    @Override
    public boolean equals(Object o) {
        return o instanceof ComponentStatus that && Objects.equals(name, that.name) && Objects.equals(image, that.image)
                && Objects.equals(replicas, that.replicas) && Objects.equals(readyReplicas, that.readyReplicas)
                && Objects.equals(updatedReplicas, that.updatedReplicas) && Objects.equals(message, that.message);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, image, replicas, readyReplicas, updatedReplicas, message);
    }
}
