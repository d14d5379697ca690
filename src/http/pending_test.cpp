#include <gtest/gtest.h>

#include <atomic>
#include <thread>
#include <vector>

#include "http/message.h"

namespace xiaoan::http {
namespace {

Response answer(int status) { return Response::text(status, std::to_string(status), "text/plain"); }

TEST(Pending, DeliversOnceWhicheverComesFirst) {
  // Sink first, then the answer.
  auto a = std::make_shared<Pending>();
  std::vector<int> got;
  a->on_complete([&](Response r) { got.push_back(r.status); });
  EXPECT_TRUE(got.empty());
  a->complete(answer(201));
  a->complete(answer(500));  // a second completion is ignored
  EXPECT_EQ(got, std::vector<int>{201});

  // The answer first: the sink runs at once, on the thread that sets it.
  auto b = std::make_shared<Pending>();
  b->complete(answer(200));
  b->on_complete([&](Response r) { got.push_back(r.status); });
  EXPECT_EQ(got, (std::vector<int>{201, 200}));
}

TEST(Pending, ThenPassesTheAnswerThrough) {
  auto a = std::make_shared<Pending>();
  auto b = a->then([](Response r) { return r.header("X-Done", "1"); });
  std::string body, header;
  b->on_complete([&](Response r) {
    body = r.body;
    header = r.headers.empty() ? "" : r.headers.front().second;
  });
  a->complete(answer(409));
  EXPECT_EQ(body, "409");
  EXPECT_EQ(header, "1");
}

TEST(Pending, RacingCompletionAndSinkDeliverExactlyOnce) {
  for (int round = 0; round < 500; ++round) {
    auto p = std::make_shared<Pending>();
    std::atomic<int> delivered{0};
    std::thread writer([&] { p->complete(answer(200)); });
    std::thread sender([&] { p->on_complete([&](Response) { delivered++; }); });
    writer.join();
    sender.join();
    ASSERT_EQ(delivered.load(), 1) << "round " << round;
  }
}

}  // namespace
}  // namespace xiaoan::http
