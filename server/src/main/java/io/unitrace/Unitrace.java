package io.unitrace;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.scheduling.annotation.EnableScheduling;

@SpringBootApplication
@EnableScheduling
public class Unitrace {

  public static void main(String[] args) throws IOException {
    // The embedded database lives in ./data; SQLite creates the file but not its folder.
    Files.createDirectories(Path.of("data"));
    SpringApplication.run(Unitrace.class, args);
  }
}
