package io.panstack.operator.cloud;

import java.util.ArrayList;
import java.util.List;

/**
 * One finalizer pass over a deleted stack's AWS resources: what AWS is still working on (the PanStack stays while
 * there is any) and what is left in AWS on purpose (named in the last event). Each resource adds its own part.
 */
public final class Release {
    private final List<String> waitingFor = new ArrayList<>();
    private final List<String> kept = new ArrayList<>();

    public void waitFor(String what) {
        waitingFor.add(what);
    }

    public void keep(String what) {
        kept.add(what);
    }

    public List<String> waitingFor() {
        return List.copyOf(waitingFor);
    }

    public List<String> kept() {
        return List.copyOf(kept);
    }

    public boolean done() {
        return waitingFor.isEmpty();
    }
}
