#!/usr/bin/env bash
# The OOM reproduction on a local kind cluster, end to end:
# builds both images, creates the cluster, loads the images into it, applies k8s/ (the load Job starts once
# both services are ready), then watches until the leaky pod has been OOMKilled while the fixed one has not
# restarted, and prints `kubectl get pods` and the last termination reasons.
# Needs docker, kind and kubectl. Takes ~3-5 minutes the first time (image builds), ~1-2 minutes after.
#   k8s/repro.sh            # reuse the cluster if it exists
#   TIMEOUT=900 k8s/repro.sh
#   kind delete cluster --name orderleaklab   # when done
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
cluster=orderleaklab
ns=orderleaklab
service_image=orderleaklab/order-service:0.1.0
load_image=orderleaklab/load:0.1.0
timeout="${TIMEOUT:-600}"

for tool in docker kind kubectl; do
  command -v "$tool" >/dev/null || { echo "repro.sh needs $tool on PATH" >&2; exit 2; }
done
cd "$root"

echo "==> building $service_image and $load_image"
docker build -f services/OrderService/Dockerfile -t "$service_image" .
docker build -f loadtests/OrderLeakLab.LoadTests/Dockerfile -t "$load_image" .

if kind get clusters | grep -qx "$cluster"; then
  echo "==> reusing kind cluster $cluster"
else
  echo "==> creating kind cluster $cluster"
  kind create cluster --config k8s/kind-config.yaml --wait 120s
fi
kubectl config use-context "kind-$cluster" >/dev/null

echo "==> loading images into the cluster (imagePullPolicy: IfNotPresent uses them)"
kind load docker-image --name "$cluster" "$service_image" "$load_image"

# A clean slate on every run: restart counts start at 0, and the load Job (immutable) is created anew.
if kubectl get namespace "$ns" >/dev/null 2>&1; then
  echo "==> deleting the previous run's namespace $ns"
  kubectl delete namespace "$ns" --wait=true --timeout=180s
fi
echo "==> applying k8s/"
kubectl apply -k k8s/
for deployment in orders-leaky orders-fixed; do
  kubectl -n "$ns" rollout status "deployment/$deployment" --timeout=180s
done
load_deadline=$((SECONDS + 180))
until [ "$(kubectl -n "$ns" get pods -l app.kubernetes.io/name=load -o 'jsonpath={.items[0].status.phase}' 2>/dev/null)" = Running ]; do
  ((SECONDS < load_deadline)) || { echo "the load Job did not start within 180s" >&2; kubectl -n "$ns" describe job load >&2; exit 1; }
  sleep 2
done
echo "==> load Job running: 1000 req/s at each variant"

# One container per pod; the first pod of each Deployment is the one that matters.
status() { # $1 = variant, $2 = jsonpath under the container status
  kubectl -n "$ns" get pods -l "app.kubernetes.io/name=orders-$1" \
    -o "jsonpath={.items[0].status.containerStatuses[0].$2}" 2>/dev/null || true
}

echo "==> watching (up to ${timeout}s) for the leaky pod to be OOMKilled"
deadline=$((SECONDS + timeout))
result=1
while ((SECONDS < deadline)); do
  leaky_reason="$(status leaky lastState.terminated.reason)"
  leaky_restarts="$(status leaky restartCount)"
  fixed_restarts="$(status fixed restartCount)"
  printf '%4ds  leaky: restarts=%s last=%s   fixed: restarts=%s\n' \
    "$SECONDS" "${leaky_restarts:-?}" "${leaky_reason:-none}" "${fixed_restarts:-?}"
  if [ "${fixed_restarts:-0}" != "0" ]; then
    echo "UNEXPECTED: the fixed variant restarted" >&2
    break
  fi
  if [ "$leaky_reason" = "OOMKilled" ]; then
    result=0
    break
  fi
  sleep 5
done

echo
kubectl -n "$ns" get pods -o wide
echo
for v in leaky fixed; do
  printf 'orders-%s: restarts=%s, last termination: %s (exit %s)\n' "$v" \
    "$(status "$v" restartCount)" "$(status "$v" lastState.terminated.reason)" \
    "$(status "$v" lastState.terminated.exitCode)"
done
echo
if ((result == 0)); then
  echo "REPRODUCED: orders-leaky was OOMKilled; orders-fixed has not restarted."
  echo "Grafana: http://localhost:3000/d/orderleaklab/orderleaklab   Prometheus: http://localhost:9090"
  echo "Where the workers are parked: kubectl -n $ns port-forward deploy/orders-leaky 6060 & curl localhost:6060/debug/workers"
else
  echo "NOT REPRODUCED within ${timeout}s (see above; kubectl -n $ns describe pod -l app.kubernetes.io/name=orders-leaky)" >&2
fi
exit "$result"
