package io.unitrace.shared;

import io.unitrace.support.IntegrationTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * A GET sent byte for byte as given, for request targets Java's HTTP client refuses to build (a
 * query string with a malformed escape such as {@code %zz}).
 */
final class RawHttp {

  record Response(int status, String contentType, String body) {}

  private RawHttp() {}

  static Response get(int port, String target, String tenant) {
    String basic =
        Base64.getEncoder()
            .encodeToString(
                ("admin:" + IntegrationTest.ADMIN_PASSWORD).getBytes(StandardCharsets.UTF_8));
    String request =
        "GET "
            + target
            + " HTTP/1.0\r\nHost: localhost\r\nAuthorization: Basic "
            + basic
            + "\r\nX-Tenant: "
            + tenant
            + "\r\nAccept: application/json\r\nConnection: close\r\n\r\n";
    try (Socket socket = new Socket("localhost", port)) {
      socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
      String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      int status = Integer.parseInt(answer.substring(9, 12));
      String head = answer.substring(0, Math.max(0, answer.indexOf("\r\n\r\n")));
      String contentType = "";
      for (String line : head.split("\r\n")) {
        if (line.toLowerCase(java.util.Locale.ROOT).startsWith("content-type:")) {
          contentType = line.substring(13).strip();
        }
      }
      return new Response(
          status, contentType, answer.substring(Math.min(answer.length(), head.length() + 4)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
