package io.panstack.operator.api.v1alpha1;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;

/** spec.hibernation: when the stack runs; outside its awake windows everything that costs is stopped. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({ "timeZone", "awake" })
public class HibernationSpec {
    @Default("UTC")
    @Size(min = 1, max = 64)
    @JsonPropertyDescription("IANA time zone of the windows, e.g. Europe/London (summer time followed). Default UTC.")
    private String timeZone = "UTC";

    @Required
    @Size(min = 1, max = 14)
    @JsonPropertyDescription("When the stack is awake, e.g. [{days: [Mon, Tue, Wed, Thu, Fri], from: \"07:00\", to: \"19:00\"}]. Outside every window it sleeps: Pi and the in-cluster MariaDB scaled to zero (volumes kept), the RDS instance stopped.")
    private List<AwakeWindow> awake;

    public String getTimeZone() { return timeZone; }
    public void setTimeZone(String timeZone) { this.timeZone = timeZone; }
    public List<AwakeWindow> getAwake() { return awake; }
    public void setAwake(List<AwakeWindow> awake) { this.awake = awake; }

    public String zone() { return timeZone == null ? "UTC" : timeZone; }

    public List<AwakeWindow> windows() { return awake == null ? List.of() : awake; }
}
