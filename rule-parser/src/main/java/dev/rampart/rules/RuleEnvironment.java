package dev.rampart.rules;

import dev.rampart.rules.config.ClassificationConfig;
import dev.rampart.rules.config.ReferenceConfig;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What rule parsing needs from the configuration: address and port variables, and the
 * classification and reference tables when they are known (null: not checked).
 */
public final class RuleEnvironment {
    private final Map<String, String> addressVars;
    private final Map<String, String> portVars;
    private final ClassificationConfig classification;
    private final ReferenceConfig references;

    public RuleEnvironment(Map<String, String> addressVars, Map<String, String> portVars,
            ClassificationConfig classification, ReferenceConfig references) {
        this.addressVars = Map.copyOf(addressVars);
        this.portVars = Map.copyOf(portVars);
        this.classification = classification;
        this.references = references;
    }

    /** The variables of Suricata 8's default suricata.yaml; no classification/reference checks. */
    public static RuleEnvironment suricataDefaults() {
        return new RuleEnvironment(defaultAddressVars(), defaultPortVars(), null, null);
    }

    public static Map<String, String> defaultAddressVars() {
        Map<String, String> a = new LinkedHashMap<>();
        a.put("HOME_NET", "[192.168.0.0/16,10.0.0.0/8,172.16.0.0/12]");
        a.put("EXTERNAL_NET", "!$HOME_NET");
        for (String v : new String[] {"HTTP_SERVERS", "SMTP_SERVERS", "SQL_SERVERS", "DNS_SERVERS",
                "TELNET_SERVERS", "DC_SERVERS", "DNP3_SERVER", "DNP3_CLIENT", "MODBUS_CLIENT",
                "MODBUS_SERVER", "ENIP_CLIENT", "ENIP_SERVER"}) {
            a.put(v, "$HOME_NET");
        }
        a.put("AIM_SERVERS", "$EXTERNAL_NET");
        return a;
    }

    public static Map<String, String> defaultPortVars() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("HTTP_PORTS", "80");
        p.put("SHELLCODE_PORTS", "!80");
        p.put("ORACLE_PORTS", "1521");
        p.put("SSH_PORTS", "22");
        p.put("DNP3_PORTS", "20000");
        p.put("MODBUS_PORTS", "502");
        p.put("FILE_DATA_PORTS", "[$HTTP_PORTS,110,143]");
        p.put("FTP_PORTS", "21");
        p.put("GENEVE_PORTS", "6081");
        p.put("VXLAN_PORTS", "4789");
        p.put("TEREDO_PORTS", "3544");
        p.put("SIP_PORTS", "[5060, 5061]");
        return p;
    }

    public RuleEnvironment withClassification(ClassificationConfig c) {
        return new RuleEnvironment(addressVars, portVars, c, references);
    }

    public RuleEnvironment withReferences(ReferenceConfig r) {
        return new RuleEnvironment(addressVars, portVars, classification, r);
    }

    public RuleEnvironment withVars(Map<String, String> address, Map<String, String> ports) {
        return new RuleEnvironment(address, ports, classification, references);
    }

    public Map<String, String> addressVars() {
        return addressVars;
    }

    public Map<String, String> portVars() {
        return portVars;
    }

    /** Null when classtypes are not checked. */
    public ClassificationConfig classification() {
        return classification;
    }

    /** Null when reference types are not checked. */
    public ReferenceConfig references() {
        return references;
    }
}
