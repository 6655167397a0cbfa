package io.panstack.operator.api.v1alpha1;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

/** One awake window: from a time to a time, on some days of the week (every day when none are listed). */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({ "days", "from", "to" })
@ValidationRule(value = "self.from != self.to", message = "an awake window must not start and end at the same time")
public class AwakeWindow {
    public enum Day { Mon, Tue, Wed, Thu, Fri, Sat, Sun }

    @Size(max = 7)
    @JsonPropertyDescription("Days the window starts on; all seven when empty.")
    private List<Day> days;

    @Required
    @Size(min = 5, max = 5)
    @Pattern("^([01][0-9]|2[0-3]):[0-5][0-9]$")
    @JsonPropertyDescription("Start, HH:MM (24 h) in timeZone.")
    private String from;

    @Required
    @Size(min = 5, max = 5)
    @Pattern("^(([01][0-9]|2[0-3]):[0-5][0-9]|24:00)$")
    @JsonPropertyDescription("End, HH:MM (24 h; 24:00 is midnight). An end before the start is on the next day (22:00 to 06:00).")
    private String to;

    public List<Day> getDays() { return days; }
    public void setDays(List<Day> days) { this.days = days; }
    public String getFrom() { return from; }
    public void setFrom(String from) { this.from = from; }
    public String getTo() { return to; }
    public void setTo(String to) { this.to = to; }
}
