package io.panstack.operator.api.v1alpha1;

import java.util.List;

/**
 * The status of an AWS resource that may be adopted: the settings the spec leaves alone and that fall short of what
 * the operator would choose, reported and never changed.
 */
public interface DriftReport {
    String DESCRIPTION = "Settings of the adopted AWS resource that the spec does not set and that fall short of what the operator would choose: reported, not changed. Set the field in the spec to have it enforced.";

    List<String> getDrift();

    void setDrift(List<String> drift);
}
