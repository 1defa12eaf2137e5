package co.plugkit.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * HTTP/1.1 requests from a chosen local address: on Linux every 127.x.y.z is loopback, so a socket bound
 * to 127.0.0.2 reaches a server on 127.0.0.1 and the server sees the request come from 127.0.0.2. One
 * connection per request ({@code Connection: close}); the response is read to its end.
 */
public final class BoundClient {
    private final InetAddress local;
    private final URI baseUrl;

    public BoundClient(String localAddress, URI baseUrl) {
        try {
            this.local = InetAddress.getByName(localAddress);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(localAddress, e);
        }
        this.baseUrl = baseUrl;
    }

    public record Reply(int status, Map<String, String> headers, String body) {
        public Optional<String> header(String name) {
            return Optional.ofNullable(headers.get(name.toLowerCase(Locale.ROOT)));
        }
    }

    /** {@code GET path} with {@code Authorization: Bearer key} (no header if {@code key} is null). */
    public Reply get(String path, String key) {
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress(local, 0));
            socket.connect(new InetSocketAddress(baseUrl.getHost(), baseUrl.getPort()), 5_000);
            socket.setSoTimeout(20_000);
            String request = "GET " + baseUrl.getPath() + path + " HTTP/1.1\r\n"
                    + "Host: " + baseUrl.getHost() + ":" + baseUrl.getPort() + "\r\n"
                    + (key == null ? "" : "Authorization: Bearer " + key + "\r\n")
                    + "Connection: close\r\n\r\n";
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            return parse(socket.getInputStream());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Reply parse(InputStream in) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        in.transferTo(all);
        String text = all.toString(StandardCharsets.ISO_8859_1);
        int end = text.indexOf("\r\n\r\n");
        if (end < 0) {
            throw new IOException("no complete response head: " + text);
        }
        String[] lines = text.substring(0, end).split("\r\n");
        int status = Integer.parseInt(lines[0].split(" ")[1]);
        Map<String, String> headers = new LinkedHashMap<>();
        boolean chunked = false;
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            String name = lines[i].substring(0, colon).strip().toLowerCase(Locale.ROOT);
            String value = lines[i].substring(colon + 1).strip();
            headers.put(name, value);
            chunked |= name.equals("transfer-encoding") && value.equalsIgnoreCase("chunked");
        }
        String body = text.substring(end + 4);
        return new Reply(
                status,
                headers,
                new String(
                        (chunked ? dechunk(body) : body).getBytes(StandardCharsets.ISO_8859_1),
                        StandardCharsets.UTF_8));
    }

    private static String dechunk(String body) {
        StringBuilder out = new StringBuilder();
        int at = 0;
        while (true) {
            int lineEnd = body.indexOf("\r\n", at);
            int size =
                    Integer.parseInt(body.substring(at, lineEnd).split(";")[0].strip(), 16);
            if (size == 0) {
                return out.toString();
            }
            out.append(body, lineEnd + 2, lineEnd + 2 + size);
            at = lineEnd + 2 + size + 2;
        }
    }
}
