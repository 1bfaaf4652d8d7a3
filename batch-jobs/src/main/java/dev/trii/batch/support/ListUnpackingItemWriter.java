package dev.trii.batch.support;

import java.util.ArrayList;
import java.util.List;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemWriter;

/** Writes items that are lists (one processed input, several outputs) by handing all their elements to a delegate. */
public class ListUnpackingItemWriter<T> implements ItemWriter<List<T>> {

  private final ItemWriter<T> delegate;

  public ListUnpackingItemWriter(ItemWriter<T> delegate) {
    this.delegate = delegate;
  }

  @Override
  public void write(Chunk<? extends List<T>> lists) throws Exception {
    List<T> items = new ArrayList<>();
    for (List<T> list : lists) {
      items.addAll(list);
    }
    delegate.write(new Chunk<>(items));
  }
}
