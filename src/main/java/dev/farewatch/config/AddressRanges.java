package dev.farewatch.config;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;

/**
 * A set of IP addresses, written as a comma-separated list of addresses, CIDR blocks
 * ({@code 10.0.0.0/8}, {@code fd00::/8}) and the words {@code loopback}, {@code private} (RFC 1918,
 * IPv6 unique-local and link-local, and loopback) and {@code any}; {@code none} or nothing is the
 * empty set. Only literal addresses are read: no name is looked up. Immutable.
 */
public final class AddressRanges implements Predicate<String> {

    public static final AddressRanges NONE = new AddressRanges("none", List.of());
    /** Every IPv4 and IPv6 address: {@code test} then says whether a text is an address at all. */
    public static final AddressRanges ANY = parse("any");

    private final String text;
    private final List<Block> blocks;

    private AddressRanges(String text, List<Block> blocks) {
        this.text = text;
        this.blocks = List.copyOf(blocks);
    }

    /** @throws IllegalArgumentException naming the entry that is neither a word above, an address nor a block */
    public static AddressRanges parse(String text) {
        List<Block> blocks = new ArrayList<>();
        for (String raw : text.split(",")) {
            String entry = raw.strip().toLowerCase(Locale.ROOT);
            switch (entry) {
                case "", "none" -> { }
                case "any" -> {
                    blocks.add(block("0.0.0.0/0"));
                    blocks.add(block("::/0"));
                }
                case "loopback" -> {
                    blocks.add(block("127.0.0.0/8"));
                    blocks.add(block("::1/128"));
                }
                case "private" -> {
                    for (String range : List.of("127.0.0.0/8", "::1/128", "10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16",
                            "169.254.0.0/16", "fc00::/7", "fe80::/10")) {
                        blocks.add(block(range));
                    }
                }
                default -> blocks.add(block(entry));
            }
        }
        return new AddressRanges(text.strip().isEmpty() ? "none" : text.strip(), blocks);
    }

    /** Whether the address (a literal, as a server reports a peer's) is in the set; false for anything else. */
    @Override
    public boolean test(String address) {
        byte[] bytes = literal(address);
        return bytes != null && blocks.stream().anyMatch(block -> block.contains(bytes));
    }

    public boolean isEmpty() {
        return blocks.isEmpty();
    }

    @Override
    public String toString() {
        return text;
    }

    private static Block block(String entry) {
        int slash = entry.indexOf('/');
        byte[] network = literal(slash < 0 ? entry : entry.substring(0, slash));
        if (network == null) {
            throw new IllegalArgumentException("\"" + entry + "\" is not an IP address or block such as 10.0.0.0/8");
        }
        int bits = network.length * 8;
        if (slash >= 0) {
            try {
                bits = Integer.parseInt(entry.substring(slash + 1));
            } catch (NumberFormatException e) {
                bits = -1;
            }
            if (bits < 0 || bits > network.length * 8) {
                throw new IllegalArgumentException("\"" + entry + "\" has a prefix length outside 0-" + network.length * 8);
            }
        }
        return new Block(network, bits);
    }

    /** The address's bytes if it is an IPv4 or IPv6 literal (IPv4-mapped IPv6 as IPv4), else null; never a lookup. */
    private static byte[] literal(String address) {
        if (address == null) {
            return null;
        }
        String text = address.strip();
        if (text.startsWith("[") && text.endsWith("]")) {
            text = text.substring(1, text.length() - 1);
        }
        int zone = text.indexOf('%');
        if (zone >= 0) {
            text = text.substring(0, zone);
        }
        if (!text.contains(":")) {
            return ipv4(text);
        }
        if (!text.matches("[0-9A-Fa-f:.]+")) {
            return null;
        }
        try {
            // With a colon, InetAddress takes the text as an IPv6 literal or refuses it: no name service is asked.
            return InetAddress.getByName(text).getAddress();
        } catch (UnknownHostException e) {
            return null;
        }
    }

    /** Four decimal octets of 0-255, read here: InetAddress would look up "999.1.1.1" as a name. */
    private static byte[] ipv4(String text) {
        String[] parts = text.split("\\.", -1);
        if (parts.length != 4) {
            return null;
        }
        byte[] bytes = new byte[4];
        for (int i = 0; i < 4; i++) {
            if (!parts[i].matches("\\d{1,3}")) {
                return null;
            }
            int octet = Integer.parseInt(parts[i]);
            if (octet > 255) {
                return null;
            }
            bytes[i] = (byte) octet;
        }
        return bytes;
    }

    private record Block(byte[] network, int bits) {

        boolean contains(byte[] address) {
            if (address.length != network.length) {
                return false;
            }
            int whole = bits / 8;
            for (int i = 0; i < whole; i++) {
                if (address[i] != network[i]) {
                    return false;
                }
            }
            int rest = bits % 8;
            if (rest == 0) {
                return true;
            }
            int mask = 0xFF << (8 - rest) & 0xFF;
            return (address[whole] & mask) == (network[whole] & mask);
        }
    }
}
