package io.panstack.operator.api.v1alpha1;

import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** status.hibernation: where the stack is in its sleep schedule. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({ "state", "nextSleepTime", "nextWakeTime", "message" })
public class HibernationStatus {
    public enum State { Awake, Asleep, Waking }

    @JsonPropertyDescription("Awake; Asleep (Pi and MariaDB at zero, RDS stopped); Waking (the database starts first, Pi once it takes connections).")
    private State state;

    @JsonPropertyDescription("When the stack next goes to sleep (RFC 3339).")
    private String nextSleepTime;

    @JsonPropertyDescription("When the stack next wakes up (RFC 3339).")
    private String nextWakeTime;

    @JsonPropertyDescription("What hibernation is doing or waiting for, e.g. a backup that must finish before the stack sleeps.")
    private String message;

    public HibernationStatus() {
    }

    public HibernationStatus(State state, String nextSleepTime, String nextWakeTime, String message) {
        this.state = state;
        this.nextSleepTime = nextSleepTime;
        this.nextWakeTime = nextWakeTime;
        this.message = message;
    }

    public State getState() { return state; }
    public void setState(State state) { this.state = state; }
    public String getNextSleepTime() { return nextSleepTime; }
    public void setNextSleepTime(String nextSleepTime) { this.nextSleepTime = nextSleepTime; }
    public String getNextWakeTime() { return nextWakeTime; }
    public void setNextWakeTime(String nextWakeTime) { this.nextWakeTime = nextWakeTime; }
    public String getMessage() { return message; }
    public void setMessage(String message) { this.message = message; }

    @Override
    public boolean equals(Object o) {
        return o instanceof HibernationStatus that && state == that.state
                && Objects.equals(nextSleepTime, that.nextSleepTime) && Objects.equals(nextWakeTime, that.nextWakeTime)
                && Objects.equals(message, that.message);
    }

    @Override
    public int hashCode() {
        return Objects.hash(state, nextSleepTime, nextWakeTime, message);
    }
}
