{{- /*
The alerts of files/alerts.yaml as the bundled Prometheus and GKE's Rules both load them, each with the link to
its runbook added (annotation runbook_url: <monitoring.runbookBaseUrl>/<alert>.md). The link is the deployment's
to choose, so it is added here rather than written into the file promtool tests.
*/ -}}
{{- define "podmesh.alertRules" -}}
{{- $rules := .Files.Get "files/alerts.yaml" | fromYaml -}}
{{- range $group := $rules.groups -}}
{{- range $rule := $group.rules -}}
{{- $_ := set $rule.annotations "runbook_url" (printf "%s/%s.md" $.Values.monitoring.runbookBaseUrl $rule.alert) -}}
{{- end -}}
{{- end -}}
{{- toYaml $rules -}}
{{- end -}}
