{{- /*
The Alertmanager configuration, the same for the bundled Alertmanager and GKE's managed one: one route per
severity (page, ticket) to the receiver of that name, grouped by alert and service; a firing page inhibits the
tickets of the same service. A receiver without settings receives nothing (a null receiver). Keys are
Alertmanager's own (v0.35): https://prometheus.io/docs/alerting/latest/configuration/
*/ -}}
{{- define "podmesh.alertmanagerConfig" -}}
{{- $am := .Values.monitoring.alertmanager -}}
{{- $receivers := list (dict "name" "null") -}}
{{- range $severity := list "page" "ticket" -}}
{{- $spec := index $am.receivers $severity | default dict -}}
{{- $receiver := dict "name" $severity -}}
{{- with $spec.webhook }}
{{- $_ := set $receiver "webhook_configs" (list (dict "url" .url "send_resolved" true)) -}}
{{- end }}
{{- with $spec.slack }}
{{- $_ := set $receiver "slack_configs" (list (dict "api_url" .apiUrl "channel" .channel "send_resolved" true "title" "{{ .CommonLabels.alertname }} {{ .CommonLabels.service }}" "text" "{{ range .Alerts }}{{ .Annotations.summary }} {{ .Annotations.runbook_url }}\n{{ end }}")) -}}
{{- end }}
{{- with $spec.pagerduty }}
{{- $_ := set $receiver "pagerduty_configs" (list (dict "routing_key" .routingKey "send_resolved" true)) -}}
{{- end }}
{{- with $spec.email }}
{{- $email := dict "to" .to "from" .from "smarthost" .smarthost "send_resolved" true -}}
{{- with .authUsername }}{{ $_ := set $email "auth_username" . }}{{ end -}}
{{- with .authPassword }}{{ $_ := set $email "auth_password" . }}{{ end -}}
{{- $_ := set $receiver "email_configs" (list $email) -}}
{{- end }}
{{- $receivers = append $receivers $receiver -}}
{{- end -}}
{{- $config := dict
  "route" (dict
    "receiver" "null"
    "group_by" (list "alertname" "service")
    "group_wait" $am.groupWait
    "group_interval" $am.groupInterval
    "repeat_interval" $am.repeatInterval
    "routes" (list
      (dict "receiver" "page" "matchers" (list "severity=\"page\""))
      (dict "receiver" "ticket" "matchers" (list "severity=\"ticket\""))))
  "inhibit_rules" (list (dict
    "source_matchers" (list "severity=\"page\"")
    "target_matchers" (list "severity=\"ticket\"")
    "equal" (list "service")))
  "receivers" $receivers -}}
{{- toYaml $config -}}
{{- end -}}

{{- /* Whether any severity has somewhere to go (else NOTES.txt warns). */ -}}
{{- define "podmesh.alertReceiversSet" -}}
{{- $set := list -}}
{{- range $severity, $spec := .Values.monitoring.alertmanager.receivers -}}
{{- if $spec }}{{ $set = append $set $severity }}{{ end -}}
{{- end -}}
{{- join ", " $set -}}
{{- end -}}
