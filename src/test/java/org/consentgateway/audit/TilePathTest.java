package org.consentgateway.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Tile paths exactly as C2SP tlog-tiles spells them, and the tiles a tree of a size has. */
class TilePathTest {

  @Test
  void indexesAreWrittenInGroupsOfThreeAllButTheLastWithAnX() {
    assertThat(new TilePath(0, 1234067, 256).path()).isEqualTo("0/x001/x234/067");
    assertThat(new TilePath(2, 5, 17).path()).isEqualTo("2/005.p/17");
    assertThat(new TilePath(-1, 1000, 256).path()).isEqualTo("entries/x001/000");
    assertThat(TilePath.parse("0/x001/x234/067")).contains(new TilePath(0, 1234067, 256));
    assertThat(TilePath.parse("1/000.p/255")).contains(new TilePath(1, 0, 255));
    assertThat(TilePath.parse("entries/x039/062.p/160")).contains(new TilePath(-1, 39062, 160));
  }

  @Test
  void onlyTheCanonicalSpellingOfATileThisLogCanHaveParses() {
    for (String path : List.of("0/x000/001", "0/1", "0/0001", "00/000", "8/000", "0/000.p/0", "0/000.p/256", "0/000.p/07",
        "0/x001", "0/001/002", "entries", "0", "0/", "x/000", "-1/000", "0/x001/x002/x003/004", "0/000.p", "0/000/.p/1")) {
      assertThat(TilePath.parse(path)).as(path).isEmpty();
    }
  }

  @Test
  void aTreeOf70000HasTheTilesTheSpecCounts() {
    List<TilePath> tiles = new TiledTree(70_000).hashTiles();
    assertThat(tiles.stream().filter(tile -> tile.level() == 0 && !tile.isPartial())).hasSize(273);
    assertThat(tiles).contains(new TilePath(0, 273, 112), new TilePath(1, 0, 256), new TilePath(1, 1, 17), new TilePath(2, 0, 1));
    assertThat(tiles).hasSize(273 + 1 + 1 + 1 + 1);
    assertThat(new TiledTree(256).hashTiles()).containsExactly(new TilePath(0, 0, 256), new TilePath(1, 0, 1));
    assertThat(new TiledTree(0).hashTiles()).isEmpty();
    assertThat(new TiledTree(70_000).entryBundles()).hasSize(274).last().isEqualTo(new TilePath(-1, 273, 112));
  }
}
