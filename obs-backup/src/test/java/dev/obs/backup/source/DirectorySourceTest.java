package dev.obs.backup.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DirectorySourceTest {
  @TempDir Path dir;

  @Test
  void keepsPermissionsAndSymlinksSkipsSocketsAndListsFiles() throws Exception {
    Path src = Files.createDirectories(dir.resolve("src/sub"));
    Path root = src.getParent();
    Files.writeString(root.resolve("run.sh"), "#!/bin/sh\necho hi\n");
    Files.setPosixFilePermissions(
        root.resolve("run.sh"), PosixFilePermissions.fromString("rwxr-x---"));
    Files.writeString(src.resolve("data.txt"), "data");
    Files.createSymbolicLink(root.resolve("link"), Path.of("sub/data.txt"));
    try (ServerSocketChannel socket = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
      socket.bind(UnixDomainSocketAddress.of(root.resolve("app.sock")));
      DirectorySource source = DirectorySource.of("files", root);
      ByteArrayOutputStream archive = new ByteArrayOutputStream();

      SourceResult backed = source.backup(archive);

      assertThat(backed.counts())
          .containsEntry("files", 2L)
          .containsEntry("directories", 1L)
          .containsEntry("symlinks", 1L)
          .containsEntry("skipped", 1L);
      assertThat(backed.files()).containsExactlyInAnyOrder("run.sh", "sub/data.txt", "link");

      Path out = dir.resolve("out");
      SourceResult restored =
          source.restore(
              new ByteArrayInputStream(archive.toByteArray()),
              new RestoreTarget(out.toString(), false));

      assertThat(restored.counts()).containsEntry("files", 2L).containsEntry("symlinks", 1L);
      assertThat(out.resolve("sub/data.txt")).hasContent("data");
      assertThat(
              PosixFilePermissions.toString(Files.getPosixFilePermissions(out.resolve("run.sh"))))
          .isEqualTo("rwxr-x---");
      assertThat(Files.isSymbolicLink(out.resolve("link"))).isTrue();
      assertThat(Files.readSymbolicLink(out.resolve("link"))).isEqualTo(Path.of("sub/data.txt"));
      assertThat(Files.exists(out.resolve("app.sock"))).isFalse();

      assertThatThrownBy(
              () ->
                  source.restore(
                      new ByteArrayInputStream(archive.toByteArray()),
                      new RestoreTarget(out.toString(), false)))
          .isInstanceOf(IOException.class)
          .hasMessage(
              "restore target directory "
                  + out.toRealPath()
                  + " is not empty; restore into an empty directory or allow overwriting");
      source.restore(
          new ByteArrayInputStream(archive.toByteArray()), new RestoreTarget(out.toString(), true));
      assertThat(out.resolve("sub/data.txt")).hasContent("data");
    }
  }

  @Test
  void refusesEntriesThatClimbOutOfTheTarget() throws Exception {
    byte[] evil = tar(List.of(file("../evil.txt", "gotcha")));
    DirectorySource source = DirectorySource.of("files", dir.resolve("unused"));
    Path out = dir.resolve("out");

    assertThatThrownBy(
            () ->
                source.restore(
                    new ByteArrayInputStream(evil), new RestoreTarget(out.toString(), false)))
        .isInstanceOf(IOException.class)
        .hasMessage(
            "archive entry '../evil.txt' escapes the target directory; refusing to restore it");
    assertThat(dir.resolve("evil.txt")).doesNotExist();
  }

  @Test
  void refusesEntriesWrittenThroughASymlinkLeadingOut() throws Exception {
    Path outside = Files.createDirectories(dir.resolve("outside"));
    TarArchiveEntry link = new TarArchiveEntry("escape", TarConstants.LF_SYMLINK);
    link.setLinkName(outside.toString());
    byte[] evil = tar(List.of(new Entry(link, null), file("escape/deeper/owned.txt", "gotcha")));
    DirectorySource source = DirectorySource.of("files", dir.resolve("unused"));

    assertThatThrownBy(
            () ->
                source.restore(
                    new ByteArrayInputStream(evil),
                    new RestoreTarget(dir.resolve("out").toString(), false)))
        .isInstanceOf(IOException.class)
        .hasMessage(
            "archive entry 'escape/deeper/owned.txt' would be written through a symbolic link leading out"
                + " of the target directory; refusing to restore it");
    assertThat(outside.resolve("deeper")).doesNotExist();
  }

  private record Entry(TarArchiveEntry entry, byte[] content) {}

  private static Entry file(String name, String text) {
    byte[] content = text.getBytes(StandardCharsets.UTF_8);
    TarArchiveEntry e = new TarArchiveEntry(name, true);
    e.setSize(content.length);
    return new Entry(e, content);
  }

  private static byte[] tar(List<Entry> entries) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (TarArchiveOutputStream tar =
        new TarArchiveOutputStream(new GzipCompressorOutputStream(bytes))) {
      for (Entry e : entries) {
        tar.putArchiveEntry(e.entry());
        if (e.content() != null) {
          tar.write(e.content());
        }
        tar.closeArchiveEntry();
      }
    }
    return bytes.toByteArray();
  }
}
