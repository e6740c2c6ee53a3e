// Rampart console: small progressive enhancements; every page works without them.
(function () {
  'use strict';
  document.addEventListener('DOMContentLoaded', function () {
    // hosts page: one box selects all hosts
    var all = document.getElementById('select-all');
    if (all) {
      all.addEventListener('change', function () {
        document.querySelectorAll('input.host-select').forEach(function (b) { b.checked = all.checked; });
      });
    }
    // block policy: the apply button stays disabled until the confirmation box is ticked
    var confirmBox = document.getElementById('confirm');
    var apply = document.getElementById('apply');
    if (confirmBox && apply) {
      apply.disabled = !confirmBox.checked;
      confirmBox.addEventListener('change', function () { apply.disabled = !confirmBox.checked; });
    }
    // the incident list follows a live journal: reload every 30 s unless the operator is typing
    if (document.getElementById('incidents') && document.getElementById('filters')) {
      setInterval(function () {
        var a = document.activeElement;
        if (!a || (a.tagName !== 'INPUT' && a.tagName !== 'SELECT')) { window.location.reload(); }
      }, 30000);
    }
  });
})();
