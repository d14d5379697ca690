// A local stand-in for the DingTalk / WeCom group robot in API tests: listens on 127.0.0.1 on a
// free port, records each request's target and body, and answers with the JSON it is told to.
#pragma once

#include <atomic>
#include <cstdint>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace xiaoan::testing {

class Robot {
 public:
  struct Request {
    std::string target, body;
  };
  Robot();
  ~Robot();
  Robot(const Robot&) = delete;
  Robot& operator=(const Robot&) = delete;
  uint16_t port() const { return port_; }
  // The JSON body of every later answer (default: {"errcode":0,"errmsg":"ok"}).
  void answer(std::string json);
  std::vector<Request> requests();
  std::vector<std::string> bodies();

 private:
  void run();
  int fd_ = -1;
  uint16_t port_ = 0;
  std::atomic<bool> stop_{false};
  std::thread thread_;
  std::mutex mu_;
  std::string answer_ = R"({"errcode":0,"errmsg":"ok"})";
  std::vector<Request> requests_;
};

}  // namespace xiaoan::testing
