-- Argo CD health check for panstack.io/PanStack. deploy/argocd/argocd-cm-patch.yaml holds this file verbatim.
--
-- Argo CD runs custom health scripts with the base, table and package libraries only (no string, math or os
-- unless resource.customizations.useOpenLibs is set), so this script uses nothing else. obj is the PanStack as
-- a table (arrays 1-based); any field may be missing or of an unexpected type.
--
-- Verdicts, first match wins:
--   being deleted (deletionTimestamp, or phase Deleting)       Progressing  what the operator waits for
--   no status, or status.observedGeneration < generation      Progressing  waiting for the operator
--   spec.suspend: true                                         Suspended    workloads scaled to zero on purpose
--   phase Hibernating                                          Suspended    asleep on spec.hibernation's schedule
--   condition Stalled=True                                     Degraded     "<reason>: <message>"; a human must act
--   condition BackupHealthy=False (but BackupsDisabled)        Degraded     a kind of backup is too old or failing
--   phase Failed or Degraded (pods failing, reconcile failing) Degraded     the Ready condition says what fails
--   condition Ready=True for the current generation            Healthy      "; BackupsDisabled: ..." added on opt-out
--   anything else (Provisioning, rolling out, no conditions)   Progressing  the Ready (or Reconciling) condition

local hs = {}

local function tbl(value)
  if type(value) == "table" then
    return value
  end
  return nil
end

local function text(value)
  if type(value) == "string" then
    return value
  end
  if type(value) == "number" or type(value) == "boolean" then
    return tostring(value)
  end
  return ""
end

local function find(conditions, wanted)
  if conditions == nil then
    return nil
  end
  for _, condition in ipairs(conditions) do
    if type(condition) == "table" and condition.type == wanted then
      return condition
    end
  end
  return nil
end

-- "<reason>: <message>", or whichever of the two is there, or the fallback.
local function describe(condition, fallback)
  if condition == nil then
    return fallback
  end
  local reason = text(condition.reason)
  local message = text(condition.message)
  if reason ~= "" and message ~= "" then
    return reason .. ": " .. message
  end
  if message ~= "" then
    return message
  end
  if reason ~= "" then
    return reason
  end
  return fallback
end

local function verdict(status, message)
  hs.status = status
  hs.message = message
  return hs
end

local object = tbl(obj) or {}
local metadata = tbl(object.metadata) or {}
local spec = tbl(object.spec) or {}
local status = tbl(object.status)
local generation = metadata.generation
if type(generation) ~= "number" then
  generation = nil
end

local conditions = nil
local phase = ""
if status ~= nil then
  conditions = tbl(status.conditions)
  phase = text(status.phase)
end
local ready = find(conditions, "Ready")
local reconciling = find(conditions, "Reconciling")

local function waiting()
  if generation ~= nil then
    return "Waiting for the operator to observe generation " .. tostring(generation)
  end
  return "Waiting for the operator to report status"
end

-- Deletion first: while AWS resources are released the status keeps the generation it last observed.
if metadata.deletionTimestamp ~= nil or phase == "Deleting" then
  return verdict("Progressing", describe(reconciling, describe(ready, "Being deleted")))
end

if status == nil then
  return verdict("Progressing", waiting())
end
local observed = status.observedGeneration
if type(observed) ~= "number" or (generation ~= nil and observed < generation) then
  return verdict("Progressing", waiting())
end

if spec.suspend == true then
  return verdict("Suspended", "Suspended (spec.suspend: true): workloads are scaled to zero on purpose")
end

if phase == "Hibernating" then
  local hibernation = tbl(status.hibernation) or {}
  local message = text(hibernation.message)
  return verdict("Suspended", "Hibernating (spec.hibernation): " .. (message or "Pi and the database are stopped on schedule"))
end

local stalled = find(conditions, "Stalled")
if stalled ~= nil and stalled.status == "True" then
  return verdict("Degraded", describe(stalled, "Stalled: a human must act (see kubectl describe)"))
end

local backup = find(conditions, "BackupHealthy")
-- spec.backup.enabled: false is the user's explicit choice: not a degradation, but said in every Healthy verdict.
local backupsDisabled = backup ~= nil and backup.status == "False" and backup.reason == "BackupsDisabled"
if backup ~= nil and backup.status == "False" and not backupsDisabled then
  return verdict("Degraded", describe(backup, "BackupHealthy is False: a kind of backup is older than maxAge or failing"))
end

if phase == "Failed" or phase == "Degraded" then
  local workloads = find(conditions, "WorkloadsReady")
  return verdict("Degraded", describe(ready, describe(workloads, "Phase " .. phase)))
end

if ready ~= nil and ready.status == "True" then
  local readyFor = ready.observedGeneration
  if generation ~= nil and type(readyFor) == "number" and readyFor < generation then
    return verdict("Progressing", waiting())
  end
  if backupsDisabled then
    return verdict("Healthy", describe(ready, "Ready") .. "; " .. describe(backup, "BackupsDisabled"))
  end
  return verdict("Healthy", describe(ready, "Ready"))
end

return verdict("Progressing", describe(ready, describe(reconciling, "Waiting for the operator to report Ready")))
