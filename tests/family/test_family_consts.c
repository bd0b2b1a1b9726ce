/* The non-IP families' constants: every name CPython 3.11's socket module
 * exports for them resolves (with or without "socket.") to the value
 * CPython gives it, the kernel names the address fields take resolve, and
 * the table has no duplicate or conflicting names. */
#include "family/family.h"
#include "harness.h"

typedef struct named {
  const char *name;
  long long   value;
} named;

/* What CPython 3.11 on Linux exports for these families (Debian's build
 * adds Bluetooth), as python3 prints the values. */
static const named python[] = {
    {"ALG_OP_DECRYPT", 0},
    {"ALG_OP_ENCRYPT", 1},
    {"ALG_OP_SIGN", 2},
    {"ALG_OP_VERIFY", 3},
    {"ALG_SET_AEAD_ASSOCLEN", 4},
    {"ALG_SET_AEAD_AUTHSIZE", 5},
    {"ALG_SET_IV", 2},
    {"ALG_SET_KEY", 1},
    {"ALG_SET_OP", 3},
    {"ALG_SET_PUBKEY", 6},
    {"BTPROTO_HCI", 1},
    {"BTPROTO_L2CAP", 0},
    {"BTPROTO_RFCOMM", 3},
    {"BTPROTO_SCO", 2},
    {"CAN_BCM", 2},
    {"CAN_BCM_CAN_FD_FRAME", 2048},
    {"CAN_BCM_RX_ANNOUNCE_RESUME", 256},
    {"CAN_BCM_RX_CHANGED", 12},
    {"CAN_BCM_RX_CHECK_DLC", 64},
    {"CAN_BCM_RX_DELETE", 6},
    {"CAN_BCM_RX_FILTER_ID", 32},
    {"CAN_BCM_RX_NO_AUTOTIMER", 128},
    {"CAN_BCM_RX_READ", 7},
    {"CAN_BCM_RX_RTR_FRAME", 1024},
    {"CAN_BCM_RX_SETUP", 5},
    {"CAN_BCM_RX_STATUS", 10},
    {"CAN_BCM_RX_TIMEOUT", 11},
    {"CAN_BCM_SETTIMER", 1},
    {"CAN_BCM_STARTTIMER", 2},
    {"CAN_BCM_TX_ANNOUNCE", 8},
    {"CAN_BCM_TX_COUNTEVT", 4},
    {"CAN_BCM_TX_CP_CAN_ID", 16},
    {"CAN_BCM_TX_DELETE", 2},
    {"CAN_BCM_TX_EXPIRED", 9},
    {"CAN_BCM_TX_READ", 3},
    {"CAN_BCM_TX_RESET_MULTI_IDX", 512},
    {"CAN_BCM_TX_SEND", 4},
    {"CAN_BCM_TX_SETUP", 1},
    {"CAN_BCM_TX_STATUS", 8},
    {"CAN_EFF_FLAG", 2147483648},
    {"CAN_EFF_MASK", 536870911},
    {"CAN_ERR_FLAG", 536870912},
    {"CAN_ERR_MASK", 536870911},
    {"CAN_ISOTP", 6},
    {"CAN_J1939", 7},
    {"CAN_RAW", 1},
    {"CAN_RAW_FD_FRAMES", 5},
    {"CAN_RAW_FILTER", 1},
    {"CAN_RAW_JOIN_FILTERS", 6},
    {"CAN_RAW_LOOPBACK", 3},
    {"CAN_RAW_RECV_OWN_MSGS", 4},
    {"CAN_RTR_FLAG", 1073741824},
    {"CAN_SFF_MASK", 2047},
    {"HCI_DATA_DIR", 1},
    {"HCI_FILTER", 2},
    {"HCI_TIME_STAMP", 3},
    {"IOCTL_VM_SOCKETS_GET_LOCAL_CID", 1977},
    {"J1939_EE_INFO_NONE", 0},
    {"J1939_EE_INFO_TX_ABORT", 1},
    {"J1939_FILTER_MAX", 512},
    {"J1939_IDLE_ADDR", 254},
    {"J1939_MAX_UNICAST_ADDR", 253},
    {"J1939_NLA_BYTES_ACKED", 1},
    {"J1939_NLA_PAD", 0},
    {"J1939_NO_ADDR", 255},
    {"J1939_NO_NAME", 0},
    {"J1939_NO_PGN", 262144},
    {"J1939_PGN_ADDRESS_CLAIMED", 60928},
    {"J1939_PGN_ADDRESS_COMMANDED", 65240},
    {"J1939_PGN_MAX", 262143},
    {"J1939_PGN_PDU1_MAX", 261888},
    {"J1939_PGN_REQUEST", 59904},
    {"NETLINK_CRYPTO", 21},
    {"NETLINK_DNRTMSG", 14},
    {"NETLINK_FIREWALL", 3},
    {"NETLINK_IP6_FW", 13},
    {"NETLINK_NFLOG", 5},
    {"NETLINK_ROUTE", 0},
    {"NETLINK_USERSOCK", 2},
    {"NETLINK_XFRM", 6},
    {"PACKET_BROADCAST", 1},
    {"PACKET_FASTROUTE", 6},
    {"PACKET_HOST", 0},
    {"PACKET_LOOPBACK", 5},
    {"PACKET_MULTICAST", 2},
    {"PACKET_OTHERHOST", 3},
    {"PACKET_OUTGOING", 4},
    {"PF_CAN", 29},
    {"PF_PACKET", 17},
    {"SCM_J1939_DEST_ADDR", 1},
    {"SCM_J1939_DEST_NAME", 2},
    {"SCM_J1939_ERRQUEUE", 4},
    {"SCM_J1939_PRIO", 3},
    {"SOL_ALG", 279},
    {"SOL_CAN_BASE", 100},
    {"SOL_CAN_RAW", 101},
    {"SOL_HCI", 0},
    {"SOL_TIPC", 271},
    {"SO_J1939_ERRQUEUE", 4},
    {"SO_J1939_FILTER", 1},
    {"SO_J1939_PROMISC", 2},
    {"SO_J1939_SEND_PRIO", 3},
    {"SO_VM_SOCKETS_BUFFER_MAX_SIZE", 2},
    {"SO_VM_SOCKETS_BUFFER_MIN_SIZE", 1},
    {"SO_VM_SOCKETS_BUFFER_SIZE", 0},
    {"TIPC_ADDR_ID", 3},
    {"TIPC_ADDR_NAME", 2},
    {"TIPC_ADDR_NAMESEQ", 1},
    {"TIPC_CFG_SRV", 0},
    {"TIPC_CLUSTER_SCOPE", 2},
    {"TIPC_CONN_TIMEOUT", 130},
    {"TIPC_CRITICAL_IMPORTANCE", 3},
    {"TIPC_DEST_DROPPABLE", 129},
    {"TIPC_HIGH_IMPORTANCE", 2},
    {"TIPC_IMPORTANCE", 127},
    {"TIPC_LOW_IMPORTANCE", 0},
    {"TIPC_MEDIUM_IMPORTANCE", 1},
    {"TIPC_NODE_SCOPE", 3},
    {"TIPC_PUBLISHED", 1},
    {"TIPC_SRC_DROPPABLE", 128},
    {"TIPC_SUBSCR_TIMEOUT", 3},
    {"TIPC_SUB_CANCEL", 4},
    {"TIPC_SUB_PORTS", 1},
    {"TIPC_SUB_SERVICE", 2},
    {"TIPC_TOP_SRV", 1},
    {"TIPC_WAIT_FOREVER", -1},
    {"TIPC_WITHDRAWN", 2},
    {"TIPC_ZONE_SCOPE", 1},
    {"VMADDR_CID_ANY", 4294967295},
    {"VMADDR_CID_HOST", 2},
    {"VMADDR_PORT_ANY", 4294967295},
    {"VM_SOCKETS_INVALID_VERSION", 4294967295},
};

/* Kernel names for the fields of the addresses (and CPython main's
 * Bluetooth names). */
static const named kernel[] = {
    {"VMADDR_CID_HYPERVISOR", 0},
    {"VMADDR_FLAG_TO_HOST", 1},
    {"ETH_P_IP", 0x0800},
    {"ETH_P_IPV6", 0x86dd},
    {"ETH_P_LLDP", 0x88cc},
    {"ETHERTYPE_IPV6", 0x86dd},
    {"ARPHRD_ETHER", 1},
    {"ARPHRD_LOOPBACK", 772},
    {"ARPHRD_INFINIBAND", 32},
    {"PACKET_USER", 6},
    {"PACKET_KERNEL", 7},
    {"NETLINK_AUDIT", 9},
    {"NETLINK_KOBJECT_UEVENT", 15},
    {"NETLINK_GENERIC", 16},
    {"NETLINK_SOCK_DIAG", 4},
    {"NETLINK_INET_DIAG", 4},
    {"NETLINK_SMC", 22},
    {"BDADDR_BREDR", 0},
    {"BDADDR_LE_PUBLIC", 1},
    {"BDADDR_LE_RANDOM", 2},
    {"HCI_DEV_NONE", 0xffff},
    {"HCI_CHANNEL_RAW", 0},
    {"HCI_CHANNEL_USER", 1},
    {"HCI_CHANNEL_MONITOR", 2},
    {"HCI_CHANNEL_CONTROL", 3},
    {"HCI_CHANNEL_LOGGING", 4},
    {"L2CAP_CID_ATT", 4},
    /* From the kernel's headers (net/bluetooth/l2cap.h, bluetooth.h):
     * CPython 3.11 does not export these, so only this table checks them. */
    {"L2CAP_CID_SIGNALING", 1},
    {"L2CAP_LM_TRUSTED", 8},
    {"BT_PHY", 14},
    {"L2CAP_CID_CONN_LESS", 2},
    {"L2CAP_CID_A2MP", 3},
    {"L2CAP_CID_LE_SIGNALING", 5},
    {"L2CAP_CID_SMP", 6},
    {"L2CAP_CID_SMP_BREDR", 7},
    {"L2CAP_PSM_SDP", 1},
    {"L2CAP_PSM_RFCOMM", 3},
    {"L2CAP_PSM_3DSP", 0x21},
    {"L2CAP_PSM_IPSP", 0x23},
    {"L2CAP_LM", 3},
    {"L2CAP_LM_MASTER", 1},
    {"L2CAP_LM_AUTH", 2},
    {"L2CAP_LM_ENCRYPT", 4},
    {"L2CAP_LM_RELIABLE", 0x10},
    {"L2CAP_LM_SECURE", 0x20},
    {"L2CAP_LM_FIPS", 0x40},
    {"HCI_DATA_DIR", 1},
    {"HCI_FILTER", 2},
    {"HCI_TIME_STAMP", 3},
    {"BT_SECURITY", 4},
    {"BT_SECURITY_SDP", 0},
    {"BT_SECURITY_LOW", 1},
    {"BT_SECURITY_MEDIUM", 2},
    {"BT_SECURITY_HIGH", 3},
    {"BT_SECURITY_FIPS", 4},
    {"BT_DEFER_SETUP", 7},
    {"BT_FLUSHABLE", 8},
    {"BT_FLUSHABLE_OFF", 0},
    {"BT_FLUSHABLE_ON", 1},
    {"BT_POWER", 9},
    {"BT_POWER_FORCE_ACTIVE_OFF", 0},
    {"BT_POWER_FORCE_ACTIVE_ON", 1},
    {"BT_CHANNEL_POLICY", 10},
    {"BT_CHANNEL_POLICY_BREDR_ONLY", 0},
    {"BT_CHANNEL_POLICY_BREDR_PREFERRED", 1},
    {"BT_CHANNEL_POLICY_AMP_PREFERRED", 2},
    {"BT_VOICE", 11},
    {"BT_VOICE_TRANSPARENT", 3},
    {"BT_VOICE_CVSD_16BIT", 0x60},
    {"BT_SNDMTU", 12},
    {"BT_RCVMTU", 13},
    {"BT_PHY_BR_1M_1SLOT", 0x1},
    {"BT_PHY_BR_1M_3SLOT", 0x2},
    {"BT_PHY_BR_1M_5SLOT", 0x4},
    {"BT_PHY_EDR_2M_1SLOT", 0x8},
    {"BT_PHY_EDR_2M_3SLOT", 0x10},
    {"BT_PHY_EDR_2M_5SLOT", 0x20},
    {"BT_PHY_EDR_3M_1SLOT", 0x40},
    {"BT_PHY_EDR_3M_3SLOT", 0x80},
    {"BT_PHY_EDR_3M_5SLOT", 0x100},
    {"BT_PHY_LE_1M_TX", 0x200},
    {"BT_PHY_LE_1M_RX", 0x400},
    {"BT_PHY_LE_2M_TX", 0x800},
    {"BT_PHY_LE_2M_RX", 0x1000},
    {"BT_PHY_LE_CODED_TX", 0x2000},
    {"BT_PHY_LE_CODED_RX", 0x4000},
    {"BT_MODE", 15},
    {"BT_MODE_BASIC", 0},
    {"BT_MODE_ERTM", 1},
    {"BT_MODE_STREAMING", 2},
    {"BT_MODE_LE_FLOWCTL", 3},
    {"BT_MODE_EXT_FLOWCTL", 4},
    {"BT_PKT_STATUS", 16},
    {"SOL_L2CAP", 6},
    {"SOL_RFCOMM", 18},
    {"SOL_SCO", 17},
    {"SOL_BLUETOOTH", 274},
    {"BTPROTO_ISO", 8},
    {"CAN_TP16", 3},
    {"CAN_J1939", 7},
    {"TIPC_SERVICE_RANGE", 1},
    {"TIPC_SERVICE_ADDR", 2},
    {"TIPC_SOCKET_ADDR", 3},
    {"QRTR_NODE_BCAST", 0xffffffffLL},
    {"QRTR_PORT_CTRL", 0xfffffffeLL},
    {"PF_VSOCK", 40},
    {"PF_QIPCRTR", 42},
    {"PF_LOCAL", 1},
};

static void check_names(const named *t, size_t n) {
  for (size_t i = 0; i < n; i++) {
    char      prefixed[96];
    long long v  = -12345;
    int       rc = saddr_constant(t[i].name, strlen(t[i].name), &v);
    CHECK_CTX(rc == 0 && v == t[i].value, "%s: rc %d value %lld, expected %lld",
              t[i].name, rc, v, t[i].value);
    snprintf(prefixed, sizeof prefixed, "socket.%s", t[i].name);
    v  = -12345;
    rc = saddr_constant(prefixed, strlen(prefixed), &v);
    CHECK_CTX(rc == 0 && v == t[i].value, "%s: rc %d value %lld", prefixed, rc,
              v);
  }
}

/* Each of the table's own names is found with its own value: no duplicate
 * within the table, none shadowed by const.c's table with another value. */
static void check_table(void) {
  for (size_t i = 0; i < saddr__family_consts_n; i++) {
    const saddr__const *c = &saddr__family_consts[i];
    long long           v;
    size_t              twice = 0;
    for (size_t j = i + 1; j < saddr__family_consts_n; j++)
      twice += strcmp(c->name, saddr__family_consts[j].name) == 0;
    CHECK_CTX(twice == 0, "%s appears twice", c->name);
    CHECK_CTX(saddr_constant(c->name, strlen(c->name), &v) == 0 &&
                  v == c->value,
              "%s resolves to %lld, not %lld", c->name, v, c->value);
  }
}

int main(void) {
  long long v;
  check_names(python, sizeof python / sizeof *python);
  check_names(kernel, sizeof kernel / sizeof *kernel);
  check_table();
  CHECK_INT(saddr_constant("BTPROTO_NOPE", 12, &v), SADDR_ECONST);
  CHECK_INT(saddr_constant("socket.", 7, &v), SADDR_ECONST);
  CHECK_INT(saddr_constant("ETH_P_AL", 8, &v), SADDR_ECONST);
  CHECK_INT(saddr_constant("ETH_P_ALLX", 10, &v), SADDR_ECONST);
  CHECK(saddr__family_consts_n > 300);
  return th_done();
}
