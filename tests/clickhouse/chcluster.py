"""tests/clickhouse/chcluster.py: private ClickHouse servers (Debian's clickhouse-server) on loopback.

Each server gets its own directory (config, users, data, logs) under a work dir, listens on
127.0.0.1 only, runs in the foreground as the calling user and is stopped with SIGTERM to its
own PID, never by name. Nothing is installed as a service. All servers declare one cluster
whose shards are the servers (for a Distributed table). Works with ClickHouse 18.16 (Debian 12).
"""
import os
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request

SERVER_BIN = "/usr/sbin/clickhouse-server"

CONFIG = """<?xml version="1.0"?>
<yandex>
    <logger>
        <level>warning</level>
        <log>{d}/log/server.log</log>
        <errorlog>{d}/log/server.err.log</errorlog>
        <size>10M</size>
        <count>1</count>
    </logger>
    <listen_host>127.0.0.1</listen_host>
    <http_port>{http_port}</http_port>
    <tcp_port>{tcp_port}</tcp_port>
    <interserver_http_port>{inter_port}</interserver_http_port>
    <interserver_http_host>127.0.0.1</interserver_http_host>
    <max_connections>64</max_connections>
    <keep_alive_timeout>30</keep_alive_timeout>
    <max_concurrent_queries>32</max_concurrent_queries>
    <uncompressed_cache_size>268435456</uncompressed_cache_size>
    <mark_cache_size>268435456</mark_cache_size>
    <path>{d}/data/</path>
    <tmp_path>{d}/tmp/</tmp_path>
    <user_files_path>{d}/user_files/</user_files_path>
    <format_schema_path>{d}/format_schemas/</format_schema_path>
    <users_config>{d}/users.xml</users_config>
    <default_profile>default</default_profile>
    <default_database>default</default_database>
    <timezone>UTC</timezone>
    <mlock_executable>false</mlock_executable>
    <remote_servers>
{clusters}
    </remote_servers>
    <max_table_size_to_drop>0</max_table_size_to_drop>
    <max_partition_size_to_drop>0</max_partition_size_to_drop>
</yandex>
"""

USERS = """<?xml version="1.0"?>
<yandex>
    <profiles>
        <default>
            <max_memory_usage>4000000000</max_memory_usage>
            <load_balancing>in_order</load_balancing>
            <log_queries>0</log_queries>
            <!-- 18.16 sizes max_threads from physical cores and may pick 1 on small VMs -->
            <max_threads>{max_threads}</max_threads>
        </default>
    </profiles>
    <users>
        <default>
            <password></password>
            <networks><ip>127.0.0.0/8</ip><ip>::1</ip></networks>
            <profile>default</profile>
            <quota>default</quota>
        </default>
    </users>
    <quotas><default><interval><duration>3600</duration><queries>0</queries><errors>0</errors>
        <result_rows>0</result_rows><read_rows>0</read_rows><execution_time>0</execution_time>
    </interval></default></quotas>
</yandex>
"""


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def cluster_xml(name, tcp_ports):
    out = ["        <%s>" % name]
    for port in tcp_ports:
        out.append("            <shard><replica><host>127.0.0.1</host><port>%d</port></replica></shard>" % port)
    out.append("        </%s>" % name)
    return "\n".join(out)


class Server:
    def __init__(self, workdir, clusters_fn, max_threads=None):
        self.d = os.path.abspath(workdir)
        self.http_port, self.tcp_port, self.inter_port = free_port(), free_port(), free_port()
        self.clusters_fn = clusters_fn
        self.max_threads = max_threads or os.cpu_count() or 2
        self.proc = None

    def start(self, timeout=60):
        for sub in ("data", "tmp", "user_files", "format_schemas", "log"):
            os.makedirs(os.path.join(self.d, sub), exist_ok=True)
        with open(os.path.join(self.d, "config.xml"), "w") as f:
            f.write(CONFIG.format(d=self.d, http_port=self.http_port, tcp_port=self.tcp_port,
                                  inter_port=self.inter_port, clusters=self.clusters_fn()))
        with open(os.path.join(self.d, "users.xml"), "w") as f:
            f.write(USERS.format(max_threads=self.max_threads))
        log = open(os.path.join(self.d, "log", "stdout.txt"), "ab")
        self.proc = subprocess.Popen([SERVER_BIN, "--config-file=" + os.path.join(self.d, "config.xml")],
                                     stdout=log, stderr=subprocess.STDOUT, cwd=self.d)
        t0 = time.time()
        while time.time() - t0 < timeout:
            if self.proc.poll() is not None:
                raise RuntimeError("clickhouse-server exited early (rc=%s); see %s/log" % (self.proc.returncode, self.d))
            try:
                if self.query("SELECT 1", timeout=2).strip() == "1":
                    return self
            except Exception:
                time.sleep(0.2)
        self.stop()
        raise RuntimeError("clickhouse-server did not answer on port %d" % self.http_port)

    def query(self, sql, timeout=120):
        req = urllib.request.Request("http://127.0.0.1:%d/" % self.http_port, data=sql.encode(), method="POST")
        try:
            with urllib.request.urlopen(req, timeout=timeout) as r:
                return r.read().decode()
        except urllib.error.HTTPError as e:
            raise RuntimeError("ClickHouse error: %s\nSQL: %s" % (e.read().decode()[:2000], sql[:500]))

    def stop(self, timeout=60):
        """SIGTERM this server's own PID and wait."""
        if self.proc is None:
            return
        if self.proc.poll() is None:
            os.kill(self.proc.pid, signal.SIGTERM)
        try:
            self.proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            os.kill(self.proc.pid, signal.SIGKILL)
            self.proc.wait(timeout=30)
        self.proc = None


class Cluster:
    """n servers, each declaring cluster `name` over all of them (one shard per server)."""

    def __init__(self, workdir, n=2, name="two_shards"):
        self.name = name
        self.servers = []
        for i in range(n):
            self.servers.append(Server(os.path.join(workdir, "s%d" % i), self._clusters))

    def _clusters(self):
        return cluster_xml(self.name, [s.tcp_port for s in self.servers])

    def start(self):
        for s in self.servers:
            s.start()
        return self

    def stop(self):
        for s in self.servers:
            s.stop()

    def url(self, database):
        shards = ",".join("127.0.0.1:%d" % s.http_port for s in self.servers)
        return "clickhouse://127.0.0.1:%d/%s?cluster=%s&shards=%s" % (
            self.servers[0].http_port, database, self.name, shards)
