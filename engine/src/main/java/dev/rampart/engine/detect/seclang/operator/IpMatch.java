package dev.rampart.engine.detect.seclang.operator;

/**
 * {@code @ipMatch}: whether the value is an IPv4/IPv6 address inside one of the comma-separated
 * addresses or CIDR networks of the argument. A value that is not an address does not match.
 */
public final class IpMatch implements Operator {
    private final IpSet set;

    IpMatch(IpSet set) {
        this.set = set;
    }

    public static IpMatch compile(String argument) throws OperatorException {
        IpSet set = new IpSet();
        for (String entry : (argument == null ? "" : argument).split(",")) {
            if (!entry.isEmpty()) { // strtok skips empty tokens
                set.add(entry);
            }
        }
        return new IpMatch(set);
    }

    @Override
    public boolean matches(String value, OperatorContext ctx) {
        return set.contains(value);
    }
}
