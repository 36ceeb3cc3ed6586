//! Where the queue is kept: in the browser's storage, so an answer outlives the page, or, where
//! storage is refused (a WebView or private mode that throws on access, a full quota), in the
//! page's memory, so an answer is still retried for as long as the page stays open.

use super::queue::Queue;

/// Storage said no: access is refused, or a write did not fit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Refused;

/// The browser storage the queue is kept in, as the queue needs it.
pub trait Storage {
    /// The stored form of the queue, `None` when nothing is stored.
    fn read(&self) -> Result<Option<String>, Refused>;
    /// Stores `stored`, or removes what is stored when it is `None`.
    fn write(&self, stored: Option<&str>) -> Result<(), Refused>;
}

/// The queue: in storage while storage works, then in memory for the rest of the page.
#[derive(Debug, Default)]
pub struct Store {
    /// The queue once storage has refused; from then on storage is no longer tried.
    memory: Option<Queue>,
}

impl Store {
    /// Runs `change` on the queue and keeps the result: in `storage` (`None` where the page has
    /// none) while it reads and writes, else in memory. The first refusal moves the queue, as
    /// `change` left it, to memory and removes what storage held, so another page does not send
    /// again what this one delivers (receivers de-duplicate on the id should the removal fail).
    pub fn change<T>(&mut self, storage: Option<&impl Storage>, change: impl FnOnce(&mut Queue) -> T) -> T {
        if let Some(queue) = self.memory.as_mut() {
            return change(queue);
        }
        let Some((storage, stored)) = storage.and_then(|storage| Some((storage, storage.read().ok()?))) else {
            return change(self.memory.insert(Queue::default()));
        };
        let mut queue = Queue::parse(&stored.unwrap_or_default());
        let result = change(&mut queue);
        let serialized = (!queue.entries().is_empty()).then(|| queue.serialize());
        if storage.write(serialized.as_deref()).is_err() {
            let _ = storage.write(None);
            self.memory = Some(queue);
        }
        result
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::super::queue::Queued;
    use super::super::submission::tests::submission;
    use super::*;
    use std::cell::{Cell, RefCell};

    /// Storage as a browser keeps it, which can be made to refuse reads or writes of a queue.
    #[derive(Default)]
    struct Browser {
        stored: RefCell<Option<String>>,
        refuse_reads: Cell<bool>,
        /// Writes of a queue refused (a full quota); removing still works, as it does there.
        refuse_writes: Cell<bool>,
    }

    impl Storage for Browser {
        fn read(&self) -> Result<Option<String>, Refused> {
            if self.refuse_reads.get() {
                return Err(Refused);
            }
            Ok(self.stored.borrow().clone())
        }

        fn write(&self, stored: Option<&str>) -> Result<(), Refused> {
            if self.refuse_writes.get() && stored.is_some() {
                return Err(Refused);
            }
            *self.stored.borrow_mut() = stored.map(str::to_string);
            Ok(())
        }
    }

    fn answer(id: &str) -> Queued {
        let (mut answer, _) = submission("");
        answer.id = id.to_string();
        Queued::new(&answer, "https://feedback.example/v1", 1)
    }

    fn ids(store: &mut Store, storage: Option<&Browser>) -> Vec<String> {
        store.change(storage, |queue| queue.entries().iter().map(|entry| entry.id.clone()).collect())
    }

    #[test]
    fn while_storage_works_the_queue_lives_there_and_outlives_the_page() {
        let browser = Browser::default();
        let mut page = Store::default();
        assert!(page.change(Some(&browser), |queue| queue.push(answer("a"))));
        assert!(page.change(Some(&browser), |queue| queue.push(answer("b"))));
        page.change(Some(&browser), |queue| queue.remove("a"));
        assert_eq!(ids(&mut Store::default(), Some(&browser)), ["b"], "the next page finds it");
        page.change(Some(&browser), |queue| queue.remove("b"));
        assert_eq!(*browser.stored.borrow(), None, "an empty queue leaves nothing stored");
    }

    #[test]
    fn where_storage_refuses_access_answers_wait_in_memory_for_the_page() {
        let refusing = Browser { refuse_reads: Cell::new(true), ..Browser::default() };
        for storage in [None, Some(&refusing)] {
            let mut page = Store::default();
            assert!(page.change(storage, |queue| queue.push(answer("a"))));
            assert_eq!(page.change(storage, |queue| queue.record_failure("a", 10, None)), Some(30_000));
            assert_eq!(ids(&mut page, storage), ["a"], "kept after a failed attempt");
            page.change(storage, |queue| queue.remove("a"));
            assert_eq!(ids(&mut page, storage), Vec::<String>::new());
        }
    }

    #[test]
    fn a_write_that_does_not_fit_moves_the_queue_to_memory_and_clears_storage() {
        let browser = Browser::default();
        let mut page = Store::default();
        page.change(Some(&browser), |queue| queue.push(answer("a")));
        browser.refuse_writes.set(true);
        page.change(Some(&browser), |queue| queue.push(answer("b")));
        assert_eq!(*browser.stored.borrow(), None, "no stale copy for another page to send again");
        browser.refuse_writes.set(false);
        assert_eq!(ids(&mut page, Some(&browser)), ["a", "b"], "nothing lost");
        page.change(Some(&browser), |queue| queue.remove("a"));
        assert_eq!(ids(&mut page, Some(&browser)), ["b"]);
        assert_eq!(*browser.stored.borrow(), None, "memory is used for the rest of the page");
    }
}
