{{/*
Shared pieces. Every per-service template ranges over "podmesh.services", so a service is one values block.
*/}}

{{/*
The merged, enabled services as JSON: {"users": {...defaults overlaid with services.users..., "name": "users"}}.
A service block is laid over a deep copy of `defaults` by "podmesh.merge" (sprig's mergeOverwrite would keep
a default `true` over an explicit `false`). A block may set `enabled: false` to leave its service out.
*/}}
{{- define "podmesh.services" -}}
{{- $all := dict -}}
{{- range $name, $block := .Values.services -}}
{{- if and $block (ne (toString (dig "enabled" true $block)) "false") -}}
{{- $merged := include "podmesh.merge" (list $.Values.defaults $block) | fromJson -}}
{{- $_ := set $merged "name" $name -}}
{{- $_ := set $all $name $merged -}}
{{- end -}}
{{- end -}}
{{- toJson $all -}}
{{- end -}}

{{/*
Deep merge of two maps as JSON: keys of the second win; nested maps merge; lists and scalars replace.
*/}}
{{- define "podmesh.merge" -}}
{{- $base := index . 0 | default dict -}}
{{- $over := index . 1 | default dict -}}
{{- $out := deepCopy $base -}}
{{- range $key, $value := $over -}}
{{- $current := index $out $key -}}
{{- if and (kindIs "map" $value) (kindIs "map" $current) -}}
{{- $_ := set $out $key (include "podmesh.merge" (list $current $value) | fromJson) -}}
{{- else -}}
{{- $_ := set $out $key $value -}}
{{- end -}}
{{- end -}}
{{- toJson $out -}}
{{- end -}}

{{/* Labels that select one service's pods (also what NetworkPolicies match callers by). */}}
{{- define "podmesh.selectorLabels" -}}
app.kubernetes.io/name: {{ .name }}
app.kubernetes.io/part-of: podmesh
{{- end -}}

{{/*
Labels on every object: call with (list $ "<name>" "<component>" ["<image>"]). The version is the image's tag:
the given image's (third-party components), else the podmesh release's.
*/}}
{{- define "podmesh.labels" -}}
{{- $root := index . 0 -}}
{{- $version := $root.Values.image.tag | toString -}}
{{- if gt (len .) 3 }}{{ $version = splitList ":" (index . 3) | last }}{{ end -}}
app.kubernetes.io/name: {{ index . 1 }}
app.kubernetes.io/part-of: podmesh
app.kubernetes.io/component: {{ index . 2 }}
app.kubernetes.io/instance: {{ $root.Release.Name }}
app.kubernetes.io/version: {{ $version | quote }}
app.kubernetes.io/managed-by: {{ $root.Release.Service }}
helm.sh/chart: {{ printf "%s-%s" $root.Chart.Name $root.Chart.Version }}
{{- end -}}

{{/* Image reference: call with (list $ $svc). A service's own `image` keys override the global ones. */}}
{{- define "podmesh.image" -}}
{{- $root := index . 0 -}}
{{- $svc := index . 1 -}}
{{- $image := include "podmesh.merge" (list $root.Values.image ($svc.image | default dict)) | fromJson -}}
{{- $repository := printf "%s/%s" $image.repositoryPrefix $svc.name -}}
{{- if $image.repository }}{{ $repository = $image.repository }}{{ end -}}
{{- if $image.registry }}{{ $repository = printf "%s/%s" $image.registry $repository }}{{ end -}}
{{- $repository }}:{{ $image.tag }}{{ if $image.digest }}@{{ $image.digest }}{{ end -}}
{{- end -}}

{{/* Seconds Kubernetes waits after SIGTERM: drain + shutdown timeout + margin, so the app exits first. */}}
{{- define "podmesh.gracePeriodSeconds" -}}
{{- $ms := add (int .drainDelayMs) (int .shutdownTimeoutMs) -}}
{{- add (div (add $ms 999) 1000) (int .graceMarginSeconds) -}}
{{- end -}}

{{/* The restricted Pod Security Standard, container part. */}}
{{- define "podmesh.containerSecurityContext" -}}
runAsNonRoot: true
allowPrivilegeEscalation: false
readOnlyRootFilesystem: true
capabilities:
  drop: [ALL]
seccompProfile:
  type: RuntimeDefault
{{- end -}}

{{/* The restricted Pod Security Standard, pod part: a fixed non-root uid works whatever the image's USER. */}}
{{- define "podmesh.podSecurityContext" -}}
runAsNonRoot: true
runAsUser: 65532
runAsGroup: 65532
fsGroup: 65532
fsGroupChangePolicy: OnRootMismatch
seccompProfile:
  type: RuntimeDefault
{{- end -}}

{{- /* The namespaces the bundled Prometheus scrapes: the release's own, then monitoring.prometheus.extraNamespaces. */ -}}
{{- define "podmesh.prometheusNamespaces" -}}
{{- prepend (.Values.monitoring.prometheus.extraNamespaces | default list) .Release.Namespace | uniq | toJson -}}
{{- end -}}
